/// A parsed notebook: its front matter, its prose and cells, and the statements of its cells.
public struct Document: Sendable {
    /// The file the notebook was read from.
    public let source: SourceFile
    /// The settings at the top of the file, if it has any.
    public let frontMatter: FrontMatter?
    /// Prose and cells, in document order.
    public let blocks: [Block]
    /// The statements of all cells, in document order, then one per inline expression.
    public let statements: [Statement]
    /// The `` `{nb} expression` `` code spans of the prose, in document order.
    public let inlineExpressions: [InlineExpression]
    /// Every problem found while reading the file: fences, front matter and cell syntax.
    public let diagnostics: [Diagnostic]
    /// Names bound by statements that failed to parse; see `Parser.brokenBindings`.
    public let brokenBindings: [Identifier]

    /// Reads `source`: front matter, then the prose/cell split, then each cell's statements.
    public init(source: SourceFile) {
        let (frontMatter, used, frontDiagnostics) = FrontMatter.parse(source.lines)
        let (blocks, fenceDiagnostics) = FenceSplitter.split(source.lines[used...], firstLine: used + 1)
        var statements: [Statement] = []
        var diagnostics = frontDiagnostics + fenceDiagnostics
        var brokenBindings: [Identifier] = []
        for case .cell(let cell) in blocks {
            let parsed = Parser.parse(code: cell.code, line: cell.codeLine, cell: cell.index)
            statements += parsed.statements
            diagnostics += parsed.diagnostics
            brokenBindings += parsed.brokenBindings
        }
        var inline: [InlineExpression] = []
        for (index, block) in blocks.enumerated() {
            guard case .prose(let prose) = block else { continue }
            for found in InlineExpression.scan(prose) {
                let parsed = Parser.parseExpression(found.text, line: found.range.start.line, column: found.column)
                diagnostics += parsed.diagnostics
                let statement = parsed.expression.map { _ in statements.count }
                if let expression = parsed.expression {
                    statements.append(Statement(binding: nil, value: expression, cell: nil))
                }
                inline.append(
                    InlineExpression(block: index, text: found.text, range: found.range, statement: statement))
            }
        }
        self.inlineExpressions = inline
        self.brokenBindings = brokenBindings
        self.source = source
        self.frontMatter = frontMatter
        self.blocks = blocks
        self.statements = statements
        self.diagnostics = diagnostics
    }

    /// The cells, in document order.
    public var cells: [Cell] {
        blocks.compactMap { block in
            if case .cell(let cell) = block { return cell }
            return nil
        }
    }
}
