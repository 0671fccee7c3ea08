import Foundation
import Testing

@testable import Datasets

/// The files `Benchmarks/make_data_fixtures.py` wrote with NumPy.
enum NumPyFixtures {
    /// The folder holding them.
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/data").path

    /// The path of fixture `name`.
    static func path(_ name: String) -> String { directory + "/" + name }
}

/// The bytes of a `.npy` file of `version` whose header is `header`, padded as NumPy pads it.
func npyBytes(header: String, version: UInt8 = 1, payload: [UInt8] = []) -> [UInt8] {
    let lengthBytes = version == 1 ? 2 : 4
    var text = Array(header.utf8)
    while (8 + lengthBytes + text.count + 1) % 64 != 0 { text.append(0x20) }
    text.append(0x0A)
    let length = (0..<lengthBytes).map { UInt8(truncatingIfNeeded: text.count >> (8 * $0)) }
    return NPYHeader.magic + [version, 0] + length + text + payload
}

/// The end of every message about a file saved with NumPy.
let resave = "save it again with np.save or np.savez"

@Suite("Reading NumPy .npy files")
struct NPYReaderTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let file: String
        let type: NPYType
        let shape: [Int]
        let values: [Float]
        var testDescription: String { file }
    }

    static let cases: [Case] = [
        Case(
            file: "u1.npy", type: .uint8, shape: [3, 2, 2],
            values: [0, 51, 102, 255, 1, 2, 3, 4, 255, 0, 128, 64].map { Float($0) / 255 }),
        Case(file: "f4.npy", type: .float32, shape: [2, 3], values: [0.5, -1.25, 3, 0.001, 2.5, -0.0]),
        Case(file: "f8.npy", type: .float64, shape: [4], values: [0.1, -2.5, 1e10, 0.25]),
        Case(file: "i8.npy", type: .int64, shape: [3], values: [7, 0, 9]),
        Case(file: "scalar.npy", type: .float32, shape: [], values: [3.5]),
        Case(file: "v2.npy", type: .float32, shape: [2, 3], values: [0, 1, 2, 3, 4, 5]),
        Case(file: "v3.npy", type: .uint8, shape: [4], values: [0, 1, 2, 3].map { Float($0) / 255 }),
    ]

    @Test("Arrays NumPy saved read back exactly, and their headers alone give type and shape", arguments: cases)
    func readsNumPyFiles(_ test: Case) throws {
        let path = NumPyFixtures.path(test.file)
        let header = try NPYReader.header(path: path)
        #expect(header.type == test.type)
        #expect(header.shape == test.shape)
        let array = try NPYReader.read(path: path)
        #expect(array.shape == test.shape)
        #expect(array.floats() == test.values)
    }

    @Test("Labels saved as int64 or uint8 read as integers; floats are refused as labels")
    func readsLabels() throws {
        #expect(try NPYReader.read(path: NumPyFixtures.path("i8.npy")).integers(path: "i8.npy") == [7, 0, 9])
        #expect(try NPYReader.read(path: NumPyFixtures.path("v3.npy")).integers(path: "v3.npy") == [0, 1, 2, 3])
        let error = DatasetError.labelsNotIntegers(path: "f4.npy", descr: "<f4")
        #expect(throws: error) { try NPYReader.read(path: NumPyFixtures.path("f4.npy")).integers(path: "f4.npy") }
        #expect(
            error.description
                == "f4.npy: labels must be integers ('|u1' or '<i8') but the array's dtype is '<f4'; "
                + "save them with `y.astype('int64')`")
    }

    @Test("Files NumPy wrote in a form nb does not read are refused with what to do")
    func refusesUnsupportedNumPyFiles() throws {
        let cases: [(String, DatasetError, String)] = [
            (
                "big_endian.npy", .unsupportedDType(path: NumPyFixtures.path("big_endian.npy"), descr: ">f4"),
                "dtype '>f4' is not one nb reads (little-endian uint8 '|u1', float32 '<f4', float64 '<f8', int64 "
                    + "'<i8'); convert it with `a.astype('<f4')` before saving"
            ),
            (
                "i4.npy", .unsupportedDType(path: NumPyFixtures.path("i4.npy"), descr: "<i4"),
                "dtype '<i4' is not one nb reads (little-endian uint8 '|u1', float32 '<f4', float64 '<f8', int64 "
                    + "'<i8'); convert it with `a.astype('<f4')` before saving"
            ),
            (
                "fortran.npy", .fortranOrder(path: NumPyFixtures.path("fortran.npy"), shape: [2, 3]),
                "the 2 × 3 array is stored in Fortran order; nb reads C order: save `np.ascontiguousarray(a)` instead"
            ),
        ]
        for (file, error, message) in cases {
            #expect(throws: error) { try NPYReader.header(path: NumPyFixtures.path(file)) }
            #expect(throws: error) { try NPYReader.read(path: NumPyFixtures.path(file)) }
            #expect(error.description == NumPyFixtures.path(file) + ": " + message)
        }
    }

    @Test("A Fortran-ordered array with one axis longer than 1 has C order's bytes and is read")
    func readsTrivialFortranOrder() throws {
        let bytes = npyBytes(
            header: "{'descr': '|u1', 'fortran_order': True, 'shape': (1, 3), }", payload: [0, 255, 51])
        let array = try NPYReader.decode(bytes, path: "f.npy")
        #expect(array.shape == [1, 3])
        #expect(array.floats() == [0, 1, 0.2])
    }

    @Test("Hostile headers are each one error naming the file and what is wrong")
    func refusesHostileHeaders() throws {
        let huge = 1 << 32
        let cases: [([UInt8], DatasetError, String)] = [
            (
                npyBytes(header: "{'descr': '<f4', 'fortran_order': False, 'shape': (\(huge), \(huge), \(huge)), }"),
                .arraySizeOverflows(path: "h.npy", shape: [huge, huge, huge]),
                "the .npy header describes a 4294967296 × 4294967296 × 4294967296 array, over 2^63 bytes, so the "
                    + "header is corrupt; \(resave)"
            ),
            (
                npyBytes(header: "{'descr': '<f4', 'shape': (2,), }"),
                .malformedNPYHeader(path: "h.npy", header: "{'descr': '<f4', 'shape': (2,), }"),
                "the .npy header {'descr': '<f4', 'shape': (2,), } is not a dictionary of 'descr', 'fortran_order' "
                    + "and 'shape' as NumPy writes it; \(resave)"
            ),
            (
                npyBytes(header: "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", version: 4),
                .unsupportedNPYVersion(path: "h.npy", major: 4, minor: 0),
                ".npy format version 4.0 is not one nb reads (1.0, 2.0, 3.0); \(resave)"
            ),
            (
                NPYHeader.magic + [2, 0, 0x20, 0x4E, 0, 0],
                .npyHeaderTooLong(path: "h.npy", bytes: 20000, limitBytes: 10000),
                "the .npy header is 20000 bytes, more than the 10000 NumPy itself reads; \(resave)"
            ),
            (
                Array("PK\u{3}\u{4}not npy".utf8), .notNPY(path: "h.npy"),
                "not a NumPy .npy file (it does not start with \\x93NUMPY); \(resave)"
            ),
        ]
        for (bytes, error, message) in cases {
            #expect(throws: error) { try NPYReader.decode(bytes, path: "h.npy") }
            #expect(error.description == "h.npy: " + message)
        }
    }

    @Test("A truncated payload is refused before reading, with both sizes")
    func refusesATruncatedPayload() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let whole = try [UInt8](Data(contentsOf: URL(fileURLWithPath: NumPyFixtures.path("u1.npy"))))
        let path = try folder.write(Array(whole.dropLast(2)), to: "cut.npy")
        #expect(try NPYReader.header(path: path).shape == [3, 2, 2])
        let error = DatasetError.arrayPayloadMismatch(
            path: path, shape: [3, 2, 2], descr: "|u1", expectedBytes: 12, actualBytes: 10)
        #expect(throws: error) { try NPYReader.read(path: path) }
        #expect(
            error.description
                == "\(path): the .npy header describes a 3 × 2 × 2 array of '|u1' = 12 bytes but 10 follow, so "
                + "the file is truncated; \(resave)")
    }

    @Test("An array whose Float32 copy would pass the memory budget is refused before reading")
    func refusesAnArrayOverTheBudget() throws {
        let path = NumPyFixtures.path("u1.npy")
        let error = DatasetError.arrayOverBudget(path: path, shape: [3, 2, 2], expectedBytes: 48, budgetBytes: 40)
        #expect(throws: error) { try NPYReader.read(path: path, memoryBudget: 40) }
        #expect(
            error.description
                == "\(path): the 3 × 2 × 2 array needs 48 bytes, more than the 40 bytes nb holds in memory for "
                + "one file (half this machine's memory); use a smaller array")
    }
}
