import SwiftProtobuf

/// RecordIO-protobuf inference responses: one `Record` per input row with empty `features` and
/// each output as a Float32 tensor under `label[name]`, as SageMaker's first-party containers
/// answer `Accept: application/x-recordio-protobuf`.
public func encodeLabelRecords(_ rows: [[(name: String, values: [Double])]]) throws(DataError) -> [UInt8] {
  var out: [UInt8] = []
  for row in rows {
    var record = Aialgs_Data_Record()
    for (name, values) in row {
      var tensor = Aialgs_Data_Float32Tensor()
      tensor.values = values.map(Float.init)
      var value = Aialgs_Data_Value()
      value.float32Tensor = tensor
      record.label[name] = value
    }
    do {
      let bytes: [UInt8] = try record.serializedBytes()
      RecordIO.appendRecord(bytes, to: &out)
    } catch {
      throw DataError(file: "response", problem: "cannot encode a record: \(error)")
    }
  }
  return out
}
