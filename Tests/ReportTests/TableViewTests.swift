import Runner
import Testing

@testable import Report

@Test func aWideTableLabelsItsCellsForThePhonesCardLayout() {
    let columns = ["model", "a", "b", "c", "d", "e", "images/s"]
    let wide = DisplayTable(columns: columns, rows: [[.text("MLP")] + (1...6).map { .number(Double($0)) }])
    var html = HTMLBuilder()
    TableView(table: wide).render(into: &html)
    #expect(html.finished().contains("<table class=\"data wide\">"))
    #expect(html.finished().contains("<td data-label=\"model\">MLP</td><td class=\"number\" data-label=\"a\">1</td>"))
    #expect(html.finished().contains("<td class=\"number\" data-label=\"images/s\">6</td></tr>"))

    let narrow = DisplayTable(columns: ["a", "b"], rows: [[.text("x"), .number(2)]])
    var small = HTMLBuilder()
    TableView(table: narrow).render(into: &small)
    #expect(small.finished().contains("<table class=\"data\"><thead>"))
    #expect(!small.finished().contains("data-label"))
}

@Test func aTableWithALongTextCellIsWideTooSoAPhoneShowsItAsCards() {
    let layer = "Linear(in_features=1600, out_features=10, bias=True)"
    let summary = DisplayTable(
        columns: ["name", "layer", "parameters"], rows: [[.text("net.8"), .text(layer), .number(16_010)]])
    var html = HTMLBuilder()
    TableView(table: summary).render(into: &html)
    #expect(html.finished().contains("<table class=\"data wide\">"))
    #expect(html.finished().contains("<td data-label=\"layer\">\(layer)</td>"))

    let short = DisplayTable(columns: ["name", "layer"], rows: [[.text("net.1"), .text("ReLU()")]])
    var shortHTML = HTMLBuilder()
    TableView(table: short).render(into: &shortHTML)
    #expect(shortHTML.finished().contains("<table class=\"data\">"))
}
