import Foundation

/// A value of a domain type (a data set, a model, a fit, a figure, a table), defined by the
/// Operations module; the runner only passes it around, summarises it and maybe caches it.
public protocol DomainValue: AnyObject, Sendable {
    /// The notebook type of values of this Swift type.
    static var valueType: ValueType { get }
    /// What the notebook shows for the value, in the report and the run record.
    func summary() -> DisplayValue
}

/// A domain value worth keeping between runs (a trained model with its history): the cache
/// stores its bytes, so a re-run reuses it without recomputing it or its inputs.
///
/// `formatVersion` names the layout of `encoded()`; bump it whenever that layout changes, and
/// entries written in an older layout are recomputed instead of misread.
public protocol PersistentValue: DomainValue {
    /// The version of the byte layout `encoded()` writes.
    static var formatVersion: Int { get }
    /// The value as bytes, to be read back by `decoded(from:)`.
    func encoded() throws -> Data
    /// Reads a value written by `encoded()` in format `formatVersion`; throws on bytes it
    /// cannot read, which makes the runner recompute the value.
    static func decoded(from data: Data) throws -> Self
}
