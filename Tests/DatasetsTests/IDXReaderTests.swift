import Datasets
import Testing

@Suite("Parsing IDX files")
struct IDXReaderTests {
    @Test("An images file gives its dimensions and its bytes")
    func parsesImages() throws {
        let bytes = idxBytes(magic: 0x0000_0803, dimensions: [2, 2, 3], payload: Array(0..<12))
        let array = try IDXReader.parse(bytes, kind: .images, path: "images")
        #expect(array.dimensions == [2, 2, 3])
        #expect(array.count == 12)
        #expect(array.withUnsafePayload { Array($0) } == Array(0..<12))
    }

    @Test("A labels file where an images file is expected has the wrong magic number")
    func rejectsWrongMagic() throws {
        let bytes = idxBytes(magic: 0x0000_0801, dimensions: [3], payload: [1, 2, 3])
        let error = DatasetError.wrongMagic(path: "train-images", expected: 0x0000_0803, actual: 0x0000_0801)
        #expect(throws: error) { try IDXReader.parse(bytes, kind: .images, path: "train-images") }
        #expect(
            error.description
                == "train-images: IDX magic number is 0x00000801, expected 0x00000803 (0x00000803 for an images "
                + "file, 0x00000801 for a labels file, both of unsigned bytes); check that this is the right file, "
                + "or re-copy it from its source (MNIST ships with nb in Data/mnist; Fashion-MNIST comes from "
                + "`sudo apt-get install --reinstall dataset-fashion-mnist`)")
    }

    @Test("Elements of another type than unsigned byte are rejected by the magic number")
    func rejectsOtherElementTypes() throws {
        let bytes = idxBytes(magic: 0x0000_0D01, dimensions: [1], payload: [0, 0, 0, 0])
        #expect(throws: DatasetError.wrongMagic(path: "floats", expected: 0x0000_0801, actual: 0x0000_0D01)) {
            try IDXReader.parse(bytes, kind: .labels, path: "floats")
        }
    }

    @Test("A header claiming more items than present is a length mismatch")
    func rejectsMissingItems() throws {
        let bytes = idxBytes(magic: 0x0000_0803, dimensions: [5, 2, 2], payload: Array(repeating: 7, count: 12))
        let error = DatasetError.payloadLengthMismatch(
            path: "short", dimensions: [5, 2, 2], expectedBytes: 20, actualBytes: 12)
        #expect(throws: error) { try IDXReader.parse(bytes, kind: .images, path: "short") }
        #expect(
            error.description
                == "short: the IDX header describes 5 × 2 × 2 = 20 bytes of data but 12 follow, so the file is "
                + "truncated; re-copy it from its source (MNIST ships with nb in Data/mnist; Fashion-MNIST comes "
                + "from `sudo apt-get install --reinstall dataset-fashion-mnist`)")
    }

    @Test("Bytes after the items are a length mismatch too")
    func rejectsExtraBytes() throws {
        let bytes = idxBytes(magic: 0x0000_0801, dimensions: [2], payload: [1, 2, 3])
        #expect(
            throws: DatasetError.payloadLengthMismatch(path: "long", dimensions: [2], expectedBytes: 2, actualBytes: 3)
        ) { try IDXReader.parse(bytes, kind: .labels, path: "long") }
    }

    @Test("Data shorter than the header is reported with the sizes")
    func rejectsShortHeaders() throws {
        #expect(throws: DatasetError.headerTooShort(path: "tiny", expectedBytes: 4, actualBytes: 2)) {
            try IDXReader.parse([0, 0], kind: .labels, path: "tiny")
        }
        #expect(throws: DatasetError.headerTooShort(path: "cut", expectedBytes: 16, actualBytes: 10)) {
            try IDXReader.parse([0, 0, 8, 3, 0, 0, 0, 1, 0, 0], kind: .images, path: "cut")
        }
    }
}
