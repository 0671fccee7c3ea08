/// An opaque 8-bit sRGB colour.
public struct RGBColor: Sendable, Hashable, CustomStringConvertible {
    /// Red, 0–255.
    public let red: UInt8
    /// Green, 0–255.
    public let green: UInt8
    /// Blue, 0–255.
    public let blue: UInt8

    /// The colour with the given channels.
    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// The colour written as `0xRRGGBB`, as palettes are published.
    public init(hex: UInt32) {
        self.init(
            red: UInt8(truncatingIfNeeded: hex >> 16), green: UInt8(truncatingIfNeeded: hex >> 8),
            blue: UInt8(truncatingIfNeeded: hex))
    }

    /// The gray with all three channels equal to `level`.
    public init(gray level: UInt8) {
        self.init(red: level, green: level, blue: level)
    }

    /// White, `#ffffff`.
    public static let white = RGBColor(gray: 255)
    /// Black, `#000000`.
    public static let black = RGBColor(gray: 0)

    /// Whether the three channels are equal, so the colour fits a grayscale image.
    public var isGray: Bool { red == green && green == blue }

    /// The CSS form, lower-case `#rrggbb`.
    public var description: String {
        let digits = Array("0123456789abcdef")
        var text = "#"
        for channel in [red, green, blue] {
            text.append(digits[Int(channel >> 4)])
            text.append(digits[Int(channel & 0xF)])
        }
        return text
    }
}
