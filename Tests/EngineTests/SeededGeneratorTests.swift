import Engine
import Testing

@Test func theSameSeedGivesTheSameStream() {
    var a = SeededGenerator(seed: 42)
    var b = SeededGenerator(seed: 42)
    var c = SeededGenerator(seed: 43)
    let first = (0..<5).map { _ in a.next() }
    #expect(first == (0..<5).map { _ in b.next() })
    #expect(first != (0..<5).map { _ in c.next() })
}

@Test func gaussianSamplesHaveUnitMoments() {
    var generator = SeededGenerator(seed: 1)
    let samples = (0..<100_000).map { _ in Double(generator.nextGaussian()) }
    let mean = samples.reduce(0, +) / Double(samples.count)
    let variance = samples.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(samples.count)
    #expect(abs(mean) < 0.01)
    #expect(abs(variance - 1) < 0.02)
}

@Test func uniformSamplesStayInTheirInterval() {
    var generator = SeededGenerator(seed: 2)
    let samples = (0..<10_000).map { _ in generator.nextUniform(from: -0.5, to: 0.25) }
    #expect(samples.allSatisfy { $0 >= -0.5 && $0 < 0.25 })
    #expect(abs(samples.reduce(0, +) / 10_000 + 0.125) < 0.01)
}

@Test func shuffleIsAPermutationFixedByTheSeed() {
    var first = Array(0..<50)
    var second = Array(0..<50)
    var a = SeededGenerator(seed: 9)
    var b = SeededGenerator(seed: 9)
    a.shuffle(&first)
    b.shuffle(&second)
    #expect(first == second)
    #expect(first != Array(0..<50))
    #expect(first.sorted() == Array(0..<50))
}
