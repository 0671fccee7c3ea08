import Foundation
import Runner
import Testing

@testable import Report

@Test func figureFilesAreNamedAfterTheirTitlesAndMadeUnique() {
    func figure(_ title: String, png: Bool) -> DisplayValue {
        .figure(DisplayFigure(image: png ? .png(Data([1])) : .svg("<svg/>"), caption: "", title: title))
    }
    let displays: [DisplayValue] = [
        .list([figure("Loss per epoch", png: false), figure("Loss per epoch", png: false)]),
        .text("no figure"),
        .list([figure("", png: true), .list([figure("Latent map: MLP VAE (β = 1)", png: false)])]),
        figure("β", png: true),
    ]
    let statements = displays.enumerated().map { index, display in
        StatementRecord(
            index: index, cell: 0, range: SourceRangeFixture.line(1), source: "f()", binding: nil, status: .ran,
            cacheHit: false, seconds: 0, seed: 0, key: "", display: display, message: nil)
    }
    let catalog = FigureCatalog(statements: statements)
    #expect(
        catalog.entries.map(\.fileName) == [
            "loss-per-epoch.svg", "loss-per-epoch-2.svg", "figure.png", "latent-map-mlp-vae-1.svg", "figure-2.png",
        ])
    #expect(catalog.fileName(statement: 2, ordinal: 1) == "latent-map-mlp-vae-1.svg")
    #expect(catalog.fileName(statement: 1, ordinal: 0) == nil)
}

@Test(arguments: [
    ("Latent interpolation", "latent-interpolation"),
    ("  Examples of MNIST (train)  ", "examples-of-mnist-train"),
    ("CNN--VAE_2", "cnn-vae-2"),
    ("σ²", "figure"),
])
func slugsAreLowerCaseLettersAndDigitsJoinedByDashes(title: String, slug: String) {
    #expect(Slug.make(title, fallback: "figure") == slug)
}

/// A 300-character model name made a figure file name the file system refused (ENAMETOOLONG).
@Test func figureFileNamesFromLongTitlesAreCutAndEndWithAHashOfTheWhole() {
    let long = String(repeating: "a", count: 300)
    let statements = ["\(long) 1", "\(long) 2", "\(long) 1", "Short"].enumerated().map { index, title in
        StatementRecord(
            index: index, cell: 0, range: SourceRangeFixture.line(1), source: "f()", binding: nil, status: .ran,
            cacheHit: false, seconds: 0, seed: 0, key: "",
            display: .figure(DisplayFigure(image: .svg("<svg/>"), caption: "", title: title)), message: nil)
    }
    let names = FigureCatalog(statements: statements).entries.map(\.fileName)
    let head = String(repeating: "a", count: 55)
    #expect(
        names.map { $0.replacing(#/-[0-9a-f]{8}/#, with: "-‹hash›") } == [
            "\(head)-‹hash›.svg", "\(head)-‹hash›.svg", "\(head)-‹hash›-2.svg", "short.svg",
        ])
    #expect(Set(names).count == 4)
    #expect(names.allSatisfy { $0.utf8.count <= 80 })
}
