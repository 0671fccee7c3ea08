/// Which statements read which, exact because a name is bound once and used only after.
public struct DependencyGraph: Hashable, Sendable {
    /// For each statement, the earlier statements it reads directly.
    public let inputs: [[Int]]
    /// For each statement, the later statements that read it directly.
    public let dependents: [[Int]]

    /// Builds the graph from each statement's direct inputs.
    public init(inputs: [[Int]]) {
        self.inputs = inputs
        var dependents = Array(repeating: [Int](), count: inputs.count)
        for (index, reads) in inputs.enumerated() {
            for input in reads where input < inputs.count { dependents[input].append(index) }
        }
        self.dependents = dependents
    }

    /// Every statement that reads `index`, directly or through others, in document order.
    public func transitiveDependents(of index: Int) -> [Int] {
        var found = Set<Int>()
        var pending = dependents[index]
        while let next = pending.popLast() {
            if found.insert(next).inserted { pending += dependents[next] }
        }
        return found.sorted()
    }
}
