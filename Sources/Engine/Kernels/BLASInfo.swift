import COpenBLAS

/// What the BLAS doing the matrix products is and how it runs, for reports and benchmarks.
public enum BLASInfo {
    /// `OpenBLAS 0.3.21, Haswell kernels, 2 threads`.
    public static var description: String {
        let configuration = String(cString: openblas_get_config())
        let version = configuration.split(separator: " ").prefix(2).joined(separator: " ")
        let core = String(cString: openblas_get_corename())
        let threads = Parallelism.cores
        return "\(version), \(core) kernels, \(threads) thread\(threads == 1 ? "" : "s")"
    }
}
