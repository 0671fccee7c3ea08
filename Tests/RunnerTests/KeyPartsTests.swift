import Testing

@testable import Runner

/// Typed key parts hash to the same three fields (kind, name, value) as the text parts they
/// replaced, so a cache made before they were typed keeps every entry. The fields here are
/// written out by hand, as the old parts spelled them.
@Test(arguments: [
    (KeyParts.Part.operation(path: "", name: "train", version: 2), ("operation", "", "train v2")),
    (.operation(path: "model", name: "mlp_vae", version: 1), ("operation", "model", "mlp_vae v1")),
    (.argument(path: "lr", value: .float(0.001)), ("argument", "lr", "0.001")),
    (.argument(path: "split", value: .string("a \"b\"")), ("argument", "split", "\"a \\\"b\\\"\"")),
    (.argument(path: "x", value: .float(-0.0)), ("argument", "x", "0.0")),
    (.argument(path: "x", value: .float(.nan)), ("argument", "x", "nan")),
    (.argument(path: "hidden", value: .list([.int(400), .int(400)])), ("argument", "hidden", "[400, 400]")),
    (.list(path: "hidden", count: 2), ("argument", "hidden", "list of 2")),
    (.reference(path: "on", key: "ab12"), ("reference", "on", "ab12")),
    (.reference(path: "on", key: nil), ("reference", "on", "?")),
    (.file(path: "", position: 1, sha256: "ff00"), ("file", "file 1", "ff00")),
    (.file(path: "data", position: 2, sha256: nil), ("file", "data.file 2", "unreadable")),
    (.filesNotFound(path: ""), ("file", "files", "not found")),
    (.seed(path: "", seed: 42), ("seed", "", "42")),
    (.lineage(without: "epochs"), ("argument", "lineage without", "epochs")),
])
func aTypedPartHashesAsTheTextPartItReplaced(part: KeyParts.Part, fields: (String, String, String)) {
    var builder = KeyBuilder()
    builder.add(UInt64(1))
    builder.add(fields.0)
    builder.add(fields.1)
    builder.add(fields.2)
    #expect(KeyParts(parts: [part]).key == builder.finalize())
}

@Test func aLineageKeyLeavesOutItsArgumentAndNothingElse() {
    let parts = KeyParts(parts: [
        .operation(path: "", name: "train", version: 2), .argument(path: "epochs", value: .int(10)),
        .argument(path: "lr", value: .float(0.001)),
    ])
    var twelve = parts
    twelve.parts[1] = .argument(path: "epochs", value: .int(12))
    var otherRate = parts
    otherRate.parts[2] = .argument(path: "lr", value: .float(0.002))
    #expect(parts.key != twelve.key)
    #expect(parts.key(without: "epochs") == twelve.key(without: "epochs"))
    #expect(parts.key(without: "epochs") != otherRate.key(without: "epochs"))
    #expect(parts.argument("epochs") == .int(10))
    #expect(parts.argument("batch") == nil)
}
