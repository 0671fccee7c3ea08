import ArgumentParser

@main
struct NB: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nb", abstract: "Runs Markdown notebooks of machine-learning experiments.")
    func run() throws {}
}
