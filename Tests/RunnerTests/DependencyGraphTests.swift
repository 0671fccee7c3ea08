import Runner
import Testing

@Suite struct DependencyGraphTests {
    @Test func dependentsAreFoundTransitivelyInDocumentOrder() {
        let graph = DependencyGraph(inputs: [[], [0], [], [1, 2], [3], [2]])
        #expect(graph.dependents == [[1], [3], [3, 5], [4], [], []])
        #expect(graph.transitiveDependents(of: 0) == [1, 3, 4])
        #expect(graph.transitiveDependents(of: 2) == [3, 4, 5])
        #expect(graph.transitiveDependents(of: 4) == [])
    }
}
