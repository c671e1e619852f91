/// A direct decoder for the one record layout that carries nearly all training data —
/// `features["values"]` and optionally `label["values"]`, each a packed Float32 or Float64 tensor —
/// written because decoding through SwiftProtobuf's generic messages (a dictionary, a string key
/// and a boxed tensor per record) made RecordIO slower to read than CSV. Anything else (Int32
/// tensors, unpacked repeated fields, other keys, metadata we do not expect) returns nil, and the
/// reader decodes that record with SwiftProtobuf instead, so the two always agree.
///
/// Wire format (protobuf): each field is a varint tag (number << 3 | wire type) then its value;
/// length-delimited values (type 2) are a varint length then that many bytes.
enum RecordFastDecoder {
  struct Tensor {
    var values: [Double] = []
    var keys: [UInt64] = []
    var shape: [UInt64] = []
  }

  /// (features, label) of a record in the common layout, or nil to fall back.
  static func decode(_ bytes: [UInt8]) -> (features: Tensor, label: Tensor?)? {
    bytes.withUnsafeBufferPointer { buffer in
      var cursor = Cursor(buffer: buffer, position: 0, end: buffer.count)
      var features: Tensor?
      var label: Tensor?
      while cursor.position < cursor.end {
        guard let (field, type) = cursor.tag(), type == 2, let body = cursor.lengthDelimited() else { return nil }
        switch field {
        case 1, 2:
          guard let tensor = mapEntry(body, buffer) else { return nil }
          if field == 1 {
            guard features == nil else { return nil }
            features = tensor
          } else {
            guard label == nil else { return nil }
            label = tensor
          }
        case 3, 4, 5: continue  // uid, metadata, configuration: not used by the algorithms
        default: return nil
        }
      }
      guard let features else { return nil }
      return (features, label)
    }
  }

  /// A map entry `{1: key, 2: Value}` whose key is "values" and whose Value holds a float tensor.
  private static func mapEntry(_ range: Range<Int>, _ buffer: UnsafeBufferPointer<UInt8>) -> Tensor? {
    var cursor = Cursor(buffer: buffer, position: range.lowerBound, end: range.upperBound)
    var keyIsValues = false
    var tensor: Tensor?
    while cursor.position < cursor.end {
      guard let (field, type) = cursor.tag(), type == 2, let body = cursor.lengthDelimited() else { return nil }
      if field == 1 {
        keyIsValues = body.count == 6 && Array(buffer[body]) == Array("values".utf8)
      } else if field == 2 {
        tensor = value(body, buffer)
        if tensor == nil { return nil }
      } else {
        return nil
      }
    }
    return keyIsValues ? tensor : nil
  }

  /// A `Value` holding float32_tensor (field 2) or float64_tensor (field 3).
  private static func value(_ range: Range<Int>, _ buffer: UnsafeBufferPointer<UInt8>) -> Tensor? {
    var cursor = Cursor(buffer: buffer, position: range.lowerBound, end: range.upperBound)
    guard let (field, type) = cursor.tag(), type == 2, field == 2 || field == 3,
      let body = cursor.lengthDelimited(), cursor.position == cursor.end
    else { return nil }
    return tensor(body, buffer, width: field == 2 ? 4 : 8)
  }

  /// A tensor message: packed values (field 1), keys (2) and shape (3).
  private static func tensor(_ range: Range<Int>, _ buffer: UnsafeBufferPointer<UInt8>, width: Int) -> Tensor? {
    var cursor = Cursor(buffer: buffer, position: range.lowerBound, end: range.upperBound)
    var out = Tensor()
    while cursor.position < cursor.end {
      guard let (field, type) = cursor.tag(), type == 2, let body = cursor.lengthDelimited() else { return nil }
      switch field {
      case 1:
        guard body.count % width == 0 else { return nil }
        out.values += width == 4 ? floats(body, buffer) : doubles(body, buffer)
      case 2, 3:
        var packed = Cursor(buffer: buffer, position: body.lowerBound, end: body.upperBound)
        while packed.position < packed.end {
          guard let v = packed.varint() else { return nil }
          if field == 2 { out.keys.append(v) } else { out.shape.append(v) }
        }
      default: return nil
      }
    }
    return out
  }

  /// Little-endian IEEE floats, widened to Double.
  private static func floats(_ range: Range<Int>, _ buffer: UnsafeBufferPointer<UInt8>) -> [Double] {
    let base = UnsafeRawPointer(buffer.baseAddress!) + range.lowerBound
    return (0..<(range.count / 4)).map {
      Double(Float(bitPattern: UInt32(littleEndian: base.loadUnaligned(fromByteOffset: 4 * $0, as: UInt32.self))))
    }
  }

  private static func doubles(_ range: Range<Int>, _ buffer: UnsafeBufferPointer<UInt8>) -> [Double] {
    let base = UnsafeRawPointer(buffer.baseAddress!) + range.lowerBound
    return (0..<(range.count / 8)).map {
      Double(bitPattern: UInt64(littleEndian: base.loadUnaligned(fromByteOffset: 8 * $0, as: UInt64.self)))
    }
  }

  /// A read position inside one message.
  struct Cursor {
    let buffer: UnsafeBufferPointer<UInt8>
    var position: Int
    let end: Int

    mutating func varint() -> UInt64? {
      var result: UInt64 = 0
      var shift: UInt64 = 0
      while position < end, shift < 64 {
        let byte = buffer[position]
        position += 1
        result |= UInt64(byte & 0x7F) << shift
        if byte < 0x80 { return result }
        shift += 7
      }
      return nil
    }

    mutating func tag() -> (field: UInt64, type: UInt64)? {
      guard let t = varint() else { return nil }
      return (t >> 3, t & 7)
    }

    mutating func lengthDelimited() -> Range<Int>? {
      guard let n = varint(), n <= UInt64(end - position) else { return nil }
      let range = position..<(position + Int(n))
      position = range.upperBound
      return range
    }
  }
}
