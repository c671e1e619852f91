extension DataBatch {
  /// The rows of `batches` one after another (several files of one channel read into memory).
  /// Dense batches must all have the same width; dense and sparse rows are not mixed.
  public init(concatenating batches: [DataBatch], file: String) throws(DataError) {
    guard let first = batches.first else { throw DataError(file: file, problem: "holds no rows: expected at least one") }
    var all = BatchAccumulator()
    for batch in batches {
      switch (first.features, batch.features) {
      case (.dense(let a), .dense(let b)) where a.columns != b.columns:
        throw DataError(
          file: batch.file, line: batch.lines.first,
          problem: "has \(b.columns) features per row; expected \(a.columns), as in \(first.file)")
      case (.dense, .sparse), (.sparse, .dense):
        throw DataError(file: batch.file, line: batch.lines.first, problem: "mixes dense and sparse rows with \(first.file)")
      default: break
      }
      if !first.labels.isEmpty && batch.labels.isEmpty || first.labels.isEmpty && !batch.labels.isEmpty {
        throw DataError(file: batch.file, problem: "has labels where \(first.file) has none, or none where it has them")
      }
      all.append(batch)
    }
    self = all.result(file: file)
  }
}
