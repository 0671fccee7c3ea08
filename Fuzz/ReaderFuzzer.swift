// libFuzzer target over the readers of data files a user can hand nb: IDX images and labels
// (and loading them as one data set), gzip inflation, safetensors decoding, a fit read back
// from a cache entry (safetensors, its JSON record, the model built from it and loaded), NumPy
// .npy files and .npz archives (zip, stored or deflated), CIFAR-10 binary batches, and PNG and
// JPEG images (libpng and libjpeg-turbo behind their setjmp shims, then made planes).
// The first byte picks the reader; the rest is the file.
//
// Built and run by Scripts/fuzz (swiftc -sanitize=fuzzer,address); seeds in Fuzz/Corpus/readers.
import Datasets
import Engine
import Foundation
import Operations

/// libFuzzer calls this with each input: a reader's number, then a file's bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func readerFuzzerTestOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start, count > 0 else { return 0 }
    let bytes = [UInt8](UnsafeBufferPointer(start: start + 1, count: count - 1))
    switch start[0] % 10 {
    case 0:
        // Two more bytes give the images file's length (big-endian); the labels file follows it.
        guard bytes.count >= 2 else { return 0 }
        let split = min(bytes.count, 2 + (Int(bytes[0]) << 8 | Int(bytes[1])))
        guard let images = try? IDXReader.parse(Array(bytes[2..<split]), kind: .images, path: "images"),
            let labels = try? IDXReader.parse(Array(bytes[split...]), kind: .labels, path: "labels")
        else { return 0 }
        _ = try? LabeledExamples(
            images: images, labels: labels, imagesPath: "images", labelsPath: "labels", name: "fuzz",
            classNames: DatasetName.mnist.classNames, limit: nil)
    case 1:
        _ = try? IDXReader.parse(bytes, kind: .labels, path: "labels")
    case 2:
        _ = try? GzipFile.inflate(bytes, path: "fuzz.gz")
    case 3:
        _ = try? Safetensors.decode(bytes, path: "fuzz.safetensors")
    case 4:
        _ = try? FitValue.decoded(from: Data(bytes))
    case 5:
        // A small budget: the fuzzer's inputs are kilobytes, so a larger claim is a hostile one.
        if let array = try? NPYReader.decode(bytes, path: "fuzz.npy", memoryBudget: 1 << 24) {
            _ = array.floats()
            _ = try? array.integers(path: "fuzz.npy")
        }
    case 6:
        _ = try? NPZReader.decodeAll(bytes, path: "fuzz.npz", memoryBudget: 1 << 24)
    case 7:
        _ = try? CIFAR10.decode(bytes, path: "fuzz.bin")
    default:
        // Grey or colour planes by the first byte's parity; a small pixel limit, as for .npy.
        _ = try? ImageDecoder.planes(
            bytes, path: "fuzz.image", channels: start[0] & 1 == 0 ? 1 : 3, maximumPixels: 1 << 20)
    }
    return 0
}
