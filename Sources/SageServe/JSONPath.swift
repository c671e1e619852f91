import Foundation

/// The JSONPath subset SageMaker batch transform documents for `InputFilter` and `OutputFilter`:
/// `$` (the whole record), `.name` and `['name','other']` (object members), `[i]`, `[i,j]`,
/// `[a:b]`, `[a:]`, `[:b]` and unions such as `[0,5:]` (array elements; negative indices count
/// from the end, slices clamp as Python's do), and `*` / `[*]` (every element or member).
/// A CSV record is filtered as the array of its fields.
///
/// A path whose steps each pick one item yields that item (`$[-1]` is the last field); a step
/// that picks several yields a list of them, except that several names picked from one object
/// yield an object with just those members (`$['id','SageMakerOutput']`).
public struct JSONPath: Equatable, Sendable, CustomStringConvertible {
  enum Selector: Equatable, Sendable {
    case index(Int)
    case slice(Int?, Int?)
  }

  enum Step: Equatable, Sendable {
    case names([String])
    case elements([Selector])
    case wildcard
  }

  let steps: [Step]
  public let description: String

  /// Parses `text`; anything outside the subset is an error naming the character.
  public init(_ text: String) throws(InferenceError) {
    description = text
    let chars = Array(text.trimmingCharacters(in: .whitespaces))
    func fail(_ at: Int, _ expected: String) -> InferenceError {
      let found = at < chars.count ? "'\(chars[at])' at character \(at + 1)" : "the end"
      return .badRequest(
        "JSONPath '\(text)': \(found) is not supported: expected \(expected) (SageMaker's subset: $, .name, ['name',...], [i,j], [a:b], *)")
    }
    guard chars.first == "$" else { throw fail(0, "'$' first") }
    var i = 1
    var steps: [Step] = []
    while i < chars.count {
      if chars[i] == "." {
        i += 1
        if i < chars.count, chars[i] == "*" { steps.append(.wildcard); i += 1; continue }
        let start = i
        while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" || chars[i] == "-" { i += 1 }
        guard i > start else { throw fail(i, "a member name after '.'") }
        steps.append(.names([String(chars[start..<i])]))
      } else if chars[i] == "[" {
        i += 1
        guard let close = chars[i...].firstIndex(of: "]") else { throw fail(chars.count, "']'") }
        let inner = String(chars[i..<close]).trimmingCharacters(in: .whitespaces)
        if inner == "*" {
          steps.append(.wildcard)
        } else if inner.first == "'" || inner.first == "\"" {
          var names: [String] = []
          for part in inner.split(separator: ",", omittingEmptySubsequences: false) {
            let p = part.trimmingCharacters(in: .whitespaces)
            guard p.count >= 2, let q = p.first, q == "'" || q == "\"", p.last == q else {
              throw fail(i, "quoted member names separated by commas")
            }
            names.append(String(p.dropFirst().dropLast()))
          }
          steps.append(.names(names))
        } else {
          var selectors: [Selector] = []
          for part in inner.split(separator: ",", omittingEmptySubsequences: false) {
            let p = part.trimmingCharacters(in: .whitespaces)
            let bounds = p.split(separator: ":", omittingEmptySubsequences: false).map {
              $0.trimmingCharacters(in: .whitespaces)
            }
            func integer(_ s: String) throws(InferenceError) -> Int? {
              if s.isEmpty { return nil }
              guard let n = Int(s) else { throw fail(i, "integers, slices a:b or quoted names inside [...] (got '\(p)')") }
              return n
            }
            switch bounds.count {
            case 1:
              guard let n = try integer(bounds[0]) else { throw fail(i, "an index inside [...]") }
              selectors.append(.index(n))
            case 2: selectors.append(.slice(try integer(bounds[0]), try integer(bounds[1])))
            default: throw fail(i, "a slice a:b without a step")
            }
          }
          steps.append(.elements(selectors))
        }
        i = close + 1
      } else {
        throw fail(i, "'.' or '['")
      }
    }
    self.steps = steps
  }

  /// True for `$` alone: the record passes unchanged.
  public var isIdentity: Bool { steps.isEmpty }

  /// The part of `value` the path selects; `place` names the record in errors.
  public func apply(to value: JSONValue, place: String) throws(InferenceError) -> JSONValue {
    var selected = [value]
    var isList = false
    var namedObject = false
    for step in steps {
      var next: [JSONValue] = []
      namedObject = false
      for item in selected {
        switch (step, item) {
        case (.names(let names), .object(let members)):
          for name in names {
            guard let member = members.first(where: { $0.key == name }) else {
              throw .badRequest(
                "\(place): the filter \(description) asks for '\(name)', which the record does not have (its keys: \(members.map(\.key).joined(separator: ", ")))")
            }
            next.append(member.value)
          }
          if names.count > 1 { isList = true; namedObject = selected.count == 1 }
        case (.names(let names), _):
          throw .badRequest("\(place): the filter \(description) asks for '\(names[0])' but the record there is not a JSON object")
        case (.elements(let selectors), .array(let items)):
          for selector in selectors {
            switch selector {
            case .index(let n):
              let k = n < 0 ? items.count + n : n
              guard k >= 0, k < items.count else {
                throw .badRequest("\(place): the filter \(description) asks for index \(n), outside the record's \(items.count) fields")
              }
              next.append(items[k])
              if selectors.count > 1 { isList = true }
            case .slice(let a, let b):
              let lo = clamp(a ?? 0, items.count), hi = clamp(b ?? items.count, items.count)
              if lo < hi { next.append(contentsOf: items[lo..<hi]) }
              isList = true
            }
          }
        case (.elements, _):
          throw .badRequest("\(place): the filter \(description) indexes a record that is not an array")
        case (.wildcard, .array(let items)):
          next.append(contentsOf: items)
          isList = true
        case (.wildcard, .object(let members)):
          next.append(contentsOf: members.map(\.value))
          isList = true
        case (.wildcard, _):
          throw .badRequest("\(place): the filter \(description) asks for every element of a value that has none")
        }
      }
      selected = next
    }
    if namedObject, case .names(let names)? = steps.last {
      return .object(zip(names, selected).map { JSONMember(key: $0, value: $1) })
    }
    return isList ? .array(selected) : selected[0]
  }

  private func clamp(_ n: Int, _ count: Int) -> Int {
    n < 0 ? max(0, count + n) : min(n, count)
  }
}
