import COpenBLAS

/// Dense linear algebra through OpenBLAS. Every routine names the formula it computes and the
/// BLAS routine that does the work; matrices are row-major, so each call passes `CblasRowMajor`.
extension Matrix {
  /// C = op(A)·op(B), where op(X) is X or Xᵀ (dgemm).
  public static func multiply(
    _ a: Matrix, _ b: Matrix, transposeA: Bool = false, transposeB: Bool = false
  ) -> Matrix {
    let m = transposeA ? a.columns : a.rows
    let n = transposeB ? b.rows : b.columns
    var c = Matrix(rows: m, columns: n)
    multiplyAdd(a, b, into: &c, transposeA: transposeA, transposeB: transposeB, beta: 0)
    return c
  }

  /// C ← α·op(A)·op(B) + β·C (dgemm).
  public static func multiplyAdd(
    _ a: Matrix, _ b: Matrix, into c: inout Matrix,
    transposeA: Bool = false, transposeB: Bool = false, alpha: Double = 1, beta: Double = 1
  ) {
    BLASThreads.pinToOne()
    let m = transposeA ? a.columns : a.rows
    let k = transposeA ? a.rows : a.columns
    let kB = transposeB ? b.columns : b.rows
    let n = transposeB ? b.rows : b.columns
    precondition(k == kB && c.rows == m && c.columns == n, "dgemm: dimensions do not agree")
    if m == 0 || n == 0 { return }
    if k == 0 {
      c.withUnsafeMutableBufferPointer { for i in $0.indices { $0[i] *= beta } }
      return
    }
    a.withUnsafeBufferPointer { pa in
      b.withUnsafeBufferPointer { pb in
        c.withUnsafeMutableBufferPointer { pc in
          cblas_dgemm(
            CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans,
            transposeB ? CblasTrans : CblasNoTrans, Int32(m), Int32(n), Int32(k), alpha,
            pa.baseAddress, Int32(max(a.columns, 1)), pb.baseAddress, Int32(max(b.columns, 1)),
            beta, pc.baseAddress, Int32(max(n, 1)))
        }
      }
    }
  }

  /// C ← α·op(A[rows])·B + β·C, where A[rows] is the block of consecutive rows `rows` of A and
  /// op is identity or transpose (dgemm on a pointer into A: the block is not copied). Lets a
  /// parallel loop give each chunk of a mini-batch its own GEMMs.
  public static func multiplyAdd(
    _ a: Matrix, rows range: Range<Int>, _ b: Matrix, into c: inout Matrix,
    transposeA: Bool = false, alpha: Double = 1, beta: Double = 1
  ) {
    BLASThreads.pinToOne()
    let blockRows = range.count
    let m = transposeA ? a.columns : blockRows
    let k = transposeA ? blockRows : a.columns
    precondition(range.lowerBound >= 0 && range.upperBound <= a.rows, "dgemm: row block out of range")
    precondition(b.rows == k && c.rows == m && c.columns == b.columns, "dgemm: dimensions do not agree")
    let n = b.columns
    if m == 0 || n == 0 { return }
    if k == 0 {
      c.withUnsafeMutableBufferPointer { for i in $0.indices { $0[i] *= beta } }
      return
    }
    a.withUnsafeBufferPointer { pa in
      b.withUnsafeBufferPointer { pb in
        c.withUnsafeMutableBufferPointer { pc in
          cblas_dgemm(
            CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(k),
            alpha, pa.baseAddress! + range.lowerBound * a.columns, Int32(max(a.columns, 1)), pb.baseAddress,
            Int32(max(n, 1)), beta, pc.baseAddress, Int32(max(n, 1)))
        }
      }
    }
  }

  /// C ← α·XᵀX + C for a symmetric d×d C (dsyrk on the upper triangle, then mirrored).
  ///
  /// The Gram matrix of a mini-batch: PCA and the closed-form ridge solution accumulate it
  /// batch by batch, so memory stays d×d however many rows there are.
  public static func addGram(of x: Matrix, into c: inout Matrix, alpha: Double = 1) {
    BLASThreads.pinToOne()
    precondition(c.rows == x.columns && c.columns == x.columns, "dsyrk: C must be d×d")
    guard x.rows > 0, x.columns > 0 else { return }
    x.withUnsafeBufferPointer { px in
      c.withUnsafeMutableBufferPointer { pc in
        cblas_dsyrk(
          CblasRowMajor, CblasUpper, CblasTrans, Int32(x.columns), Int32(x.rows), alpha,
          px.baseAddress, Int32(x.columns), 1.0, pc.baseAddress, Int32(x.columns))
      }
    }
    c.mirrorUpperTriangle()
  }

  /// C ← α·X[rows]ᵀX[rows] + C on the upper triangle only, where X[rows] is a block of consecutive
  /// rows of X (dsyrk on a pointer into X: the block is not copied). The lower triangle is left as
  /// it was: call `mirrorUpperTriangle()` once the sums are complete. Lets a parallel loop give each
  /// chunk of a mini-batch its own Gram matrix.
  public static func addGramUpperTriangle(
    of x: Matrix, rows range: Range<Int>, into c: inout Matrix, alpha: Double = 1
  ) {
    BLASThreads.pinToOne()
    precondition(c.rows == x.columns && c.columns == x.columns, "dsyrk: C must be d×d")
    precondition(range.lowerBound >= 0 && range.upperBound <= x.rows, "dsyrk: row block out of range")
    guard !range.isEmpty, x.columns > 0 else { return }
    x.withUnsafeBufferPointer { px in
      c.withUnsafeMutableBufferPointer { pc in
        cblas_dsyrk(
          CblasRowMajor, CblasUpper, CblasTrans, Int32(x.columns), Int32(range.count), alpha,
          px.baseAddress! + range.lowerBound * x.columns, Int32(x.columns), 1.0, pc.baseAddress,
          Int32(x.columns))
      }
    }
  }

  /// Copies the upper triangle onto the lower one, making the matrix exactly symmetric.
  public mutating func mirrorUpperTriangle() {
    precondition(rows == columns)
    let n = rows
    withUnsafeMutableBufferPointer { p in
      for i in 0..<n {
        for j in 0..<i { p[i * n + j] = p[j * n + i] }
      }
    }
  }

  /// y = op(A)·x (dgemv).
  public static func multiply(_ a: Matrix, vector x: [Double], transpose: Bool = false) -> [Double]
  {
    BLASThreads.pinToOne()
    let m = transpose ? a.columns : a.rows
    let n = transpose ? a.rows : a.columns
    precondition(x.count == n, "dgemv: vector length does not agree")
    var y = [Double](repeating: 0, count: m)
    guard m > 0, n > 0 else { return y }
    a.withUnsafeBufferPointer { pa in
      y.withUnsafeMutableBufferPointer { py in
        cblas_dgemv(
          CblasRowMajor, transpose ? CblasTrans : CblasNoTrans, Int32(a.rows), Int32(a.columns),
          1.0, pa.baseAddress, Int32(a.columns), x, 1, 0.0, py.baseAddress, 1)
      }
    }
    return y
  }

  /// ‖xᵢ‖² for every row i.
  public func squaredRowNorms() -> [Double] {
    BLASThreads.pinToOne()
    var norms = [Double](repeating: 0, count: rows)
    withUnsafeBufferPointer { p in
      for i in 0..<rows {
        norms[i] = cblas_ddot(Int32(columns), p.baseAddress! + i * columns, 1, p.baseAddress! + i * columns, 1)
      }
    }
    return norms
  }

  /// Σ xᵢyᵢ (ddot).
  public static func dot(_ x: [Double], _ y: [Double]) -> Double {
    BLASThreads.pinToOne()
    precondition(x.count == y.count)
    return cblas_ddot(Int32(x.count), x, 1, y, 1)
  }
}

/// OpenBLAS runs on one thread, always, and sagesim's own loops (`Parallel`) use the cores.
///
/// Several OpenBLAS routines split a sum across their threads (ddot, dgemv, dsymv inside LAPACK's
/// eigensolver), so their last bits depend on how many threads ran: PCA trained with
/// `OPENBLAS_NUM_THREADS=1` and `=2` gave models differing in the 15th digit, and toggling the
/// count around parallel loops (as sagesim first did, like scikit-learn) let one training change
/// another's bits when two ran at once (a sweep, the test suite). One thread for the whole process
/// makes a seed give the same model whatever else runs; the dense kernels that need both cores
/// split their rows into fixed chunks with one single-threaded call each.
public enum BLASThreads {
  private static let pinned: Void = { openblas_set_num_threads(1) }()
  /// Sets OpenBLAS to one thread, once per process. Every BLAS and LAPACK wrapper calls it first.
  public static func pinToOne() { _ = pinned }
  public static var current: Int { Int(openblas_get_num_threads()) }
}
