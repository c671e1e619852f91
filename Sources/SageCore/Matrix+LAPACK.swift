import COpenBLAS

/// A LAPACK routine reported failure (`info` ≠ 0): the input was singular, not positive definite,
/// or the iteration did not converge.
public struct LinearAlgebraError: Error, CustomStringConvertible, Sendable {
  public let routine: String
  public let info: Int32
  public var description: String {
    "\(routine) failed (info = \(info)): the matrix is singular, not positive definite, or the iteration did not converge"
  }
}

/// Factorizations through LAPACKE, named after the mathematics they compute.
extension Matrix {
  /// A = V·diag(λ)·Vᵀ for symmetric A (dsyevd, divide and conquer).
  ///
  /// - Returns: eigenvalues in ascending order, and the matrix whose column i is the unit
  ///   eigenvector of eigenvalue i.
  public func symmetricEigen() throws -> (values: [Double], vectors: Matrix) {
    BLASThreads.pinToOne()
    precondition(rows == columns, "symmetricEigen needs a square matrix")
    let n = rows
    var a = self
    var w = [Double](repeating: 0, count: n)
    let info = a.withUnsafeMutableBufferPointer { pa in
      LAPACKE_dsyevd(LAPACK_ROW_MAJOR, CChar(UInt8(ascii: "V")), CChar(UInt8(ascii: "U")),
                     Int32(n), pa.baseAddress, Int32(max(n, 1)), &w)
    }
    guard info == 0 else { throw LinearAlgebraError(routine: "dsyevd", info: info) }
    return (w, a)
  }

  /// A = U·diag(s)·Vᵀ, the thin SVD (dgesdd).
  ///
  /// - Returns: U (m×r), s (r values, descending) and Vᵀ (r×n), where r = min(m, n).
  public func singularValueDecomposition() throws -> (u: Matrix, s: [Double], vt: Matrix) {
    BLASThreads.pinToOne()
    let m = rows, n = columns, r = Swift.min(m, n)
    var a = self
    var s = [Double](repeating: 0, count: r)
    var u = Matrix(rows: m, columns: r)
    var vt = Matrix(rows: r, columns: n)
    let info = a.withUnsafeMutableBufferPointer { pa in
      u.withUnsafeMutableBufferPointer { pu in
        vt.withUnsafeMutableBufferPointer { pvt in
          LAPACKE_dgesdd(LAPACK_ROW_MAJOR, CChar(UInt8(ascii: "S")), Int32(m), Int32(n),
                         pa.baseAddress, Int32(max(n, 1)), &s, pu.baseAddress, Int32(max(r, 1)),
                         pvt.baseAddress, Int32(max(n, 1)))
        }
      }
    }
    guard info == 0 else { throw LinearAlgebraError(routine: "dgesdd", info: info) }
    return (u, s, vt)
  }

  /// Q of A = QR: an orthonormal basis of A's column space, m×min(m, n) (dgeqrf + dorgqr).
  public func orthonormalColumns() throws -> Matrix {
    BLASThreads.pinToOne()
    let m = rows, n = columns, r = Swift.min(m, n)
    var a = self
    var tau = [Double](repeating: 0, count: r)
    var info = a.withUnsafeMutableBufferPointer { pa in
      LAPACKE_dgeqrf(LAPACK_ROW_MAJOR, Int32(m), Int32(n), pa.baseAddress, Int32(max(n, 1)), &tau)
    }
    guard info == 0 else { throw LinearAlgebraError(routine: "dgeqrf", info: info) }
    var q = r == n ? a : a.columns(0..<r)
    info = q.withUnsafeMutableBufferPointer { pq in
      LAPACKE_dorgqr(LAPACK_ROW_MAJOR, Int32(m), Int32(r), Int32(r), pq.baseAddress,
                     Int32(max(r, 1)), &tau)
    }
    guard info == 0 else { throw LinearAlgebraError(routine: "dorgqr", info: info) }
    return q
  }

  /// X solving A·X = B for symmetric positive definite A (dposv, Cholesky).
  public func choleskySolve(_ b: Matrix) throws -> Matrix {
    BLASThreads.pinToOne()
    precondition(rows == columns && b.rows == rows, "choleskySolve: dimensions do not agree")
    var a = self
    var x = b
    let info = a.withUnsafeMutableBufferPointer { pa in
      x.withUnsafeMutableBufferPointer { px in
        LAPACKE_dposv(LAPACK_ROW_MAJOR, CChar(UInt8(ascii: "U")), Int32(rows), Int32(b.columns),
                      pa.baseAddress, Int32(max(rows, 1)), px.baseAddress, Int32(max(b.columns, 1)))
      }
    }
    guard info == 0 else { throw LinearAlgebraError(routine: "dposv", info: info) }
    return x
  }
}
