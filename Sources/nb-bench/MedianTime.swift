import Foundation

/// The median wall time of `rounds` runs of `body`, in seconds.
func medianSeconds(rounds: Int, _ body: () throws -> Void) rethrows -> Double {
    var seconds: [Double] = []
    for _ in 0..<rounds {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        seconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return seconds.sorted()[rounds / 2]
}
