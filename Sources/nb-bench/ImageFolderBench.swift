import Datasets
import Foundation

/// What `--image-folder` measures: what checking a notebook costs (the listing and one header)
/// and how fast the whole folder decodes.
struct ImageFolderTiming {
    /// Images in the folder.
    let count: Int
    /// The element shape.
    let shape: ImageShape
    /// The median time of listing plus the first header, in milliseconds.
    let checkMilliseconds: Double
    /// The median time of listing and decoding everything, in seconds.
    let readSeconds: Double

    /// Decoded megabytes (10^6 bytes) per second.
    var megabytesPerSecond: Double { Double(count * (shape.byteCount ?? 0)) / readSeconds / 1e6 }

    /// Times the image folder at `path`: `repeats` checks and `reads` full reads, medians kept.
    init(path: String, repeats: Int, reads: Int) throws {
        var checks: [Double] = []
        var shape = ImageShape(channels: 0, height: 0, width: 0)
        for _ in 0..<repeats {
            let start = Date()
            shape = try ImageFolder(path: path).elementShape()
            checks.append(Date().timeIntervalSince(start) * 1000)
        }
        var times: [Double] = []
        var count = 0
        for _ in 0..<reads {
            let start = Date()
            count = try ImageFolder(path: path).read().count
            times.append(Date().timeIntervalSince(start))
        }
        self.count = count
        self.shape = shape
        checkMilliseconds = checks.sorted()[checks.count / 2]
        readSeconds = times.sorted()[times.count / 2]
    }
}
