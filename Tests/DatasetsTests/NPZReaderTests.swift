import Foundation
import Testing

@testable import Datasets

@Suite("Reading NumPy .npz archives")
struct NPZReaderTests {
    static let archives = ["stored.npz", "deflated.npz"]

    @Test("Arrays np.savez and np.savez_compressed wrote read back exactly, by name", arguments: archives)
    func readsArchives(_ file: String) throws {
        let path = NumPyFixtures.path(file)
        #expect(try NPZReader.arrayNames(path: path) == ["x_train", "y_train"])
        let images = try NPZReader.read(path: path, array: "x_train")
        #expect(images.shape == [3, 2, 2])
        #expect(images.floats() == [0, 51, 102, 255, 1, 2, 3, 4, 255, 0, 128, 64].map { Float($0) / 255 })
        #expect(try NPZReader.read(path: path, array: "y_train").integers(path: path) == [7, 0, 9])
    }

    @Test("A member's header gives its type and shape without reading the rest", arguments: archives)
    func readsMemberHeaders(_ file: String) throws {
        let path = NumPyFixtures.path(file)
        let header = try NPZReader.header(path: path, array: "x_train")
        #expect(header.type == .uint8)
        #expect(header.shape == [3, 2, 2])
        #expect(try NPZReader.header(path: path, array: "y_train").shape == [3])
    }

    @Test("A missing array is named with the ones the archive has")
    func namesTheArraysThere() throws {
        let path = NumPyFixtures.path("stored.npz")
        let error = DatasetError.memberNotFound(path: path, member: "x_test", available: ["x_train", "y_train"])
        #expect(throws: error) { try NPZReader.header(path: path, array: "x_test") }
        #expect(
            error.description
                == "\(path): no array 'x_test' in the archive (it holds x_train, y_train); use one of those names")
    }

    /// `deflated.npz` with `x_train.npy`'s declared uncompressed size (central directory) set to `size`.
    static func declaring(_ size: UInt32, in folder: TemporaryDirectory) throws -> String {
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: NumPyFixtures.path("deflated.npz"))))
        let entry = try #require(
            (0..<(bytes.count - 4)).first { bytes[$0..<($0 + 4)].elementsEqual([0x50, 0x4B, 0x01, 0x02]) })
        for index in 0..<4 { bytes[entry + 24 + index] = UInt8(truncatingIfNeeded: size >> (8 * UInt32(index))) }
        return try folder.write(bytes, to: "patched.npz")
    }

    @Test("Members declaring more than the budget, or than their deflate data can hold, are not inflated")
    func refusesBombs() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try Self.declaring(0x7FFF_FFFF, in: folder)
        let overBudget = DatasetError.zipMemberOverBudget(
            path: path, member: "x_train.npy", declaredBytes: 0x7FFF_FFFF, budgetBytes: 1 << 20)
        #expect(throws: overBudget) { try NPZReader.read(path: path, array: "x_train", memoryBudget: 1 << 20) }
        #expect(
            overBudget.description
                == "\(path): member x_train.npy declares 2147483647 bytes, more than the 1048576 bytes nb holds in "
                + "memory for one file (half this machine's memory); use a smaller array")
        let impossible = DatasetError.zipMemberImpossible(
            path: path, member: "x_train.npy", declaredBytes: 0x7FFF_FFFF, compressedBytes: 84)
        #expect(throws: impossible) { try NPZReader.read(path: path, array: "x_train", memoryBudget: 1 << 40) }
        #expect(
            impossible.description
                == "\(path): member x_train.npy declares 2147483647 bytes, but 84 bytes of deflate data inflate to "
                + "at most 86688, so the archive is corrupt; \(resave)")
    }

    @Test("Inflating stops one byte past a member's declared size")
    func stopsPastTheDeclaredSize() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try Self.declaring(100, in: folder)
        let error = DatasetError.zipMemberSizeMismatch(
            path: path, member: "x_train.npy", declaredBytes: 100, longer: true)
        #expect(throws: error) { try NPZReader.read(path: path, array: "x_train") }
        #expect(
            error.description
                == "\(path): member x_train.npy declares 100 bytes but inflates to more (nb stopped reading there); "
                + resave)
    }

    @Test("A central directory pointing past the end of the archive is named with its offset")
    func refusesADirectoryOutsideTheFile() throws {
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: NumPyFixtures.path("stored.npz"))))
        // The end record's last field before the comment length: the central directory's offset.
        let end = bytes.count - 22
        for index in 0..<4 { bytes[end + 16 + index] = 0x7F }
        let error = DatasetError.malformedZip(path: "bad.npz", offset: end)
        #expect(throws: error) { try NPZReader.decodeAll(bytes, path: "bad.npz", memoryBudget: 1 << 20) }
        #expect(
            error.description
                == "bad.npz: the zip structure at byte \(end) is cut short or points outside the file; \(resave)")
    }

    @Test("A file that is not a zip archive is named as such")
    func refusesANonZip() throws {
        let path = NumPyFixtures.path("u1.npy")
        #expect(throws: DatasetError.notZip(path: path)) { try NPZReader.arrayNames(path: path) }
        #expect(
            DatasetError.notZip(path: path).description
                == "\(path): not a .npz (zip) archive: it has no end-of-central-directory record; \(resave)")
    }
}
