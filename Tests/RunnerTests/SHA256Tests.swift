import Foundation
import Runner
import Testing

@Suite struct SHA256Tests {
    private func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
    ])
    func digestsMatchTheStandardsTestVectors(input: String, digest: String) {
        #expect(hex(SHA256.hash(Data(input.utf8))) == digest)
    }

    @Test func hashingInUnevenPiecesGivesTheOneShotDigest() {
        let data = Data((0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        var hasher = SHA256()
        var offset = 0
        var piece = 1
        while offset < data.count {
            let end = min(offset + piece, data.count)
            hasher.update(data.subdata(in: offset..<end))
            offset = end
            piece = piece * 7 % 131 + 1
        }
        #expect(hasher.finalize() == SHA256.hash(data))
    }
}
