import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// An element parsed by Foundation's `XMLParser`, to check that figures are well-formed XML and
/// to query what they contain.
final class XMLElement {
    let name: String
    let attributes: [String: String]
    var children: [XMLElement] = []
    var text = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// This element and all its descendants, in document order.
    var all: [XMLElement] { [self] + children.flatMap(\.all) }

    /// Descendants (and self) called `name`.
    func elements(_ name: String) -> [XMLElement] { all.filter { $0.name == name } }

    /// Descendants (and self) whose `class` attribute lists `cssClass`.
    func elements(class cssClass: String) -> [XMLElement] {
        all.filter { ($0.attributes["class"] ?? "").split(separator: " ").contains(Substring(cssClass)) }
    }

    /// Parses `text`, returning the root element, or nil (with the parser's error) when malformed.
    static func parse(_ text: String) -> Result<XMLElement, ParseError> {
        let parser = XMLParser(data: Data(text.utf8))
        let builder = Builder()
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            return .failure(ParseError(message: parser.parserError.map { "\($0)" } ?? "no root element"))
        }
        return .success(root)
    }

    struct ParseError: Error {
        let message: String
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: XMLElement?
        var stack: [XMLElement] = []

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String]
        ) {
            let element = XMLElement(name: name, attributes: attributes)
            if let parent = stack.last { parent.children.append(element) } else { root = element }
            stack.append(element)
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            stack.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }
    }
}
