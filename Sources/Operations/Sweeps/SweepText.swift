/// Words the figures of a sweep add to their captions.
enum SweepText {
    /// What a sweep's shaded bands are, appended to a chart's caption.
    static let bandCaption = " Shaded: ± one standard deviation over seeds."
}
