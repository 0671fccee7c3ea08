/// What the report says about how it was made that the run record does not hold: nb's version,
/// the notebook's git commit and the machine. The command line gathers these, since the Report
/// module never probes the system itself.
public struct ReportContext: Hashable, Sendable {
    /// nb's version, as `nb --version` prints it.
    public var version: String
    /// The commit of the notebook's last change (`git log -1 --format=%h -- <notebook>`), or nil
    /// outside a repository.
    public var gitCommit: String?
    /// Whether the notebook has changes not yet committed, shown beside the commit.
    public var gitDirty: Bool
    /// The machine the run used.
    public var machine: Machine
    /// KaTeX's script (Debian's libjs-katex), which the page embeds when its prose has math; nil
    /// when it is not installed, and the formulas then show as TeX.
    public var katex: String?

    /// The machine a run used: its cores and the BLAS doing the matrix products.
    public struct Machine: Hashable, Sendable {
        /// Logical cores.
        public var cores: Int
        /// The BLAS library and how it runs, as one phrase: `OpenBLAS 0.3.21, Haswell kernels, 2 threads`.
        public var blas: String

        /// Describes a machine.
        public init(cores: Int, blas: String) {
            self.cores = cores
            self.blas = blas
        }
    }

    /// Creates a context.
    public init(
        version: String, gitCommit: String? = nil, gitDirty: Bool = false, machine: Machine, katex: String? = nil
    ) {
        self.version = version
        self.gitCommit = gitCommit
        self.gitDirty = gitDirty
        self.machine = machine
        self.katex = katex
    }

    /// Where Debian's libjs-katex puts KaTeX's script.
    public static let katexPath = "/usr/share/javascript/katex/katex.min.js"
}
