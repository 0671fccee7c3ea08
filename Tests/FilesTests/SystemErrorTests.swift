import Files
import Foundation
import Testing

/// Before, a full disk read "Error Domain=NSCocoaErrorDomain Code=642 …" in one place, "the disk is
/// full" in another and "no space left on the device" in a third.
@Suite struct SystemErrorTests {
    @Test(arguments: [
        (CocoaError(.fileWriteOutOfSpace) as any Error, "No space left on device"),
        (CocoaError(.fileWriteNoPermission), "Permission denied"),
        (CocoaError(.fileNoSuchFile), "No such file or directory"),
        (CocoaError(.fileWriteVolumeReadOnly), "Read-only file system"),
        (NSError(domain: NSPOSIXErrorDomain, code: Int(ENOSPC)), "No space left on device"),
        (
            NSError(
                domain: NSCocoaErrorDomain, code: 512,
                userInfo: [NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(EACCES))]),
            "Permission denied"
        ),
    ])
    func everyFormOfAnOSErrorReadsAsTheSystemsOneSentence(error: any Error, reason: String) {
        #expect(SystemError.reason(error) == reason)
        #expect(!SystemError.reason(error).contains("Domain="))
    }

    @Test func nbsOwnErrorsKeepTheirDescription() {
        #expect(
            SystemError.reason(AtomicFileError.writeFailed(path: "x", code: ENOSPC))
                == "could not write 'x': No space left on device")
    }

    /// nb used to advise freeing disk space for every failed write, a read-only disk and a name
    /// too long included.
    @Test(arguments: [
        (ENOSPC, SystemError.WriteFailure.diskFull), (EDQUOT, .diskFull), (EROFS, .readOnly), (EACCES, .notPermitted),
        (EPERM, .notPermitted), (ENAMETOOLONG, .nameTooLong), (EISDIR, .other),
    ])
    func aWriteFailureIsToldApartByItsCode(code: Int32, failure: SystemError.WriteFailure) {
        #expect(SystemError.WriteFailure(errno: code) == failure)
    }
}
