import Figures
import Foundation

/// Data files in real formats, generated for tests that need a data set of a given size.
public enum GeneratedData {
    /// Writes a CIFAR-10 folder in the binary version's exact layout into `folder`: `records` images
    /// per batch file, each a label byte then 1,024 red, 1,024 green and 1,024 blue bytes, and, if
    /// `meta`, the class names file. Red is a band of rows at the label's place (what a model can
    /// learn), green the record, blue the batch; `variant` shifts the labels, so other variants are other bytes.
    public static func writeCIFAR(to folder: URL, records: Int, meta: Bool = true, variant: Int = 0) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let files = ["data_batch_1", "data_batch_2", "data_batch_3", "data_batch_4", "data_batch_5", "test_batch"]
        for (batch, file) in files.enumerated() {
            var bytes: [UInt8] = []
            for record in 0..<records {
                let label = UInt8((record + batch + variant) % 10)
                bytes.append(label)
                // Red: a bright band of three rows at the label's place.
                for row in 0..<32 {
                    let bright = row / 3 == Int(label)
                    bytes += [UInt8](repeating: bright ? 255 : 0, count: 32)
                }
                for value in [UInt8(record % 256), UInt8(batch)] {
                    bytes += [UInt8](repeating: value, count: 1024)
                }
            }
            try Data(bytes).write(to: folder.appendingPathComponent(file + ".bin"))
        }
        if meta {
            let names = "airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n\n"
            try Data(names.utf8).write(to: folder.appendingPathComponent("batches.meta.txt"))
        }
    }

    /// Writes an image folder into `folder`: `perClass` colour `side`×`side` PNGs (through libpng)
    /// in each of `classes` class folders named `class_0`, `class_1`, …, where an image of class k
    /// has a bright red band of rows at position k (as `writeCIFAR`'s), and green and blue vary.
    public static func writeImageFolder(to folder: URL, classes: Int, perClass: Int, side: Int = 32) throws {
        for label in 0..<classes {
            let classFolder = folder.appendingPathComponent("class_\(label)")
            try FileManager.default.createDirectory(at: classFolder, withIntermediateDirectories: true)
            for index in 0..<perClass {
                var pixels: [UInt8] = []
                for row in 0..<side {
                    for column in 0..<side {
                        let red: UInt8 = row * classes / side == label ? 255 : 0
                        pixels += [red, UInt8((index * 37 + column) % 256), UInt8((row * 11) % 256)]
                    }
                }
                let bitmap = try Bitmap(width: side, height: side, format: .rgb, pixels: pixels)
                try PNGWriter.write(bitmap, to: classFolder.appendingPathComponent("\(index).png"))
            }
        }
    }
}
