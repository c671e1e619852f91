import Numerics
import Testing

@testable import SageCore

@Suite struct MatrixBLASTests {
  @Test func multiplyMatchesHandWorkedProduct() {
    // [1 2; 3 4] · [5 6; 7 8] = [19 22; 43 50]
    let a = Matrix(rowArrays: [[1, 2], [3, 4]])
    let b = Matrix(rowArrays: [[5, 6], [7, 8]])
    #expect(Matrix.multiply(a, b).values == [19, 22, 43, 50])
    // Aᵀ·B = [1 3; 2 4] · [5 6; 7 8] = [26 30; 38 44]
    #expect(Matrix.multiply(a, b, transposeA: true).values == [26, 30, 38, 44])
    // A·Bᵀ = [1 2; 3 4] · [5 7; 6 8] = [17 23; 39 53]
    #expect(Matrix.multiply(a, b, transposeB: true).values == [17, 23, 39, 53])
  }

  @Test func gramIsXTransposeX() {
    // X = [1 2; 3 4; 5 6]: XᵀX = [35 44; 44 56]
    let x = Matrix(rowArrays: [[1, 2], [3, 4], [5, 6]])
    var c = Matrix(rows: 2, columns: 2)
    Matrix.addGram(of: x, into: &c)
    #expect(c.values == [35, 44, 44, 56])
    Matrix.addGram(of: x, into: &c, alpha: -1)
    #expect(c.values == [0, 0, 0, 0])
  }

  @Test func matrixVectorAndRowNorms() {
    let a = Matrix(rowArrays: [[1, 2], [3, 4]])
    #expect(Matrix.multiply(a, vector: [1, 1]) == [3, 7])
    #expect(Matrix.multiply(a, vector: [1, 1], transpose: true) == [4, 6])
    #expect(a.squaredRowNorms() == [5, 25])
  }
}

@Suite struct MatrixLAPACKTests {
  @Test func symmetricEigenOfTwoByTwo() throws {
    // [2 1; 1 2] has eigenvalues 1 and 3 with eigenvectors (1,−1)/√2 and (1,1)/√2.
    let (values, vectors) = try Matrix(rowArrays: [[2, 1], [1, 2]]).symmetricEigen()
    #expect(values[0].isApproximatelyEqual(to: 1, relativeTolerance: 1e-14))
    #expect(values[1].isApproximatelyEqual(to: 3, relativeTolerance: 1e-14))
    #expect(abs(abs(vectors[0, 1]) - 0.5.squareRoot()) < 1e-14)
    #expect(abs(vectors[0, 1] - vectors[1, 1]) < 1e-14)
    #expect(abs(vectors[0, 0] + vectors[1, 0]) < 1e-14)
  }

  @Test func svdReconstructs() throws {
    let a = Matrix(rowArrays: [[3, 2, 2], [2, 3, -2]])
    let (u, s, vt) = try a.singularValueDecomposition()
    // Singular values of this classic example are 5 and 3.
    #expect(s[0].isApproximatelyEqual(to: 5, relativeTolerance: 1e-13))
    #expect(s[1].isApproximatelyEqual(to: 3, relativeTolerance: 1e-13))
    var us = u
    for i in 0..<us.rows { for j in 0..<us.columns { us[i, j] *= s[j] } }
    let back = Matrix.multiply(us, vt)
    for (x, y) in zip(back.values, a.values) { #expect(abs(x - y) < 1e-12) }
  }

  @Test func orthonormalColumnsAreOrthonormal() throws {
    let a = Matrix(rowArrays: [[1, 2], [3, 4], [5, 7]])
    let q = try a.orthonormalColumns()
    let qtq = Matrix.multiply(q, q, transposeA: true)
    for i in 0..<2 { for j in 0..<2 { #expect(abs(qtq[i, j] - (i == j ? 1 : 0)) < 1e-13) } }
  }

  @Test func choleskySolveSolves() throws {
    // [4 2; 2 3]·x = [2; 1]  →  x = [0.5; 0]
    let x = try Matrix(rowArrays: [[4, 2], [2, 3]]).choleskySolve(Matrix(rowArrays: [[2], [1]]))
    #expect(abs(x[0, 0] - 0.5) < 1e-14 && abs(x[1, 0]) < 1e-14)
  }

  @Test func choleskyRefusesIndefinite() {
    #expect(throws: LinearAlgebraError.self) {
      try Matrix(rowArrays: [[1, 2], [2, 1]]).choleskySolve(Matrix(rowArrays: [[1], [1]]))
    }
  }
}

@Suite struct RandomAndParallelTests {
  @Test func sameSeedSameStream() {
    var a = SeededRandom(seed: 42), b = SeededRandom(seed: 42), c = SeededRandom(seed: 43)
    let xa = (0..<5).map { _ in a.next() }
    #expect(xa == (0..<5).map { _ in b.next() })
    #expect(xa != (0..<5).map { _ in c.next() })
  }

  @Test func uniformAndNormalMoments() {
    var rng = SeededRandom(seed: 7)
    let n = 200_000
    let u = (0..<n).map { _ in rng.uniform() }
    let z = (0..<n).map { _ in rng.normal() }
    let meanU = u.reduce(0, +) / Double(n)
    let meanZ = z.reduce(0, +) / Double(n)
    let varZ = z.map { ($0 - meanZ) * ($0 - meanZ) }.reduce(0, +) / Double(n)
    // Standard errors: 0.29/√n ≈ 6.5e-4 for U, 1/√n ≈ 2.2e-3 for Z, √(2/n) ≈ 3.2e-3 for var Z.
    #expect(abs(meanU - 0.5) < 0.003)
    #expect(abs(meanZ) < 0.01)
    #expect(abs(varZ - 1) < 0.015)
    #expect(u.allSatisfy { $0 >= 0 && $0 < 1 })
  }

  @Test func indexBelowCoversRangeEvenly() {
    var rng = SeededRandom(seed: 1)
    var counts = [Int](repeating: 0, count: 3)
    for _ in 0..<30_000 { counts[rng.index(below: 3)] += 1 }
    #expect(counts.allSatisfy { abs($0 - 10_000) < 400 })
  }

  @Test func parallelMapKeepsChunkOrder() {
    let parts = Parallel.map(10, chunks: 3) { range in Array(range) }
    #expect(parts == [[0, 1, 2], [3, 4, 5], [6, 7, 8, 9]])
    #expect(Parallel.ranges(of: 2, chunks: 8).count == 2)
  }
}

@Suite struct MatrixScratchTests {
  @Test func copyRowsReusesAndCopies() {
    let source = Matrix(rowArrays: [[1, 2], [3, 4], [5, 6]])
    var scratch = Matrix(rows: 0, columns: 0)
    scratch.copyRows(of: source, 1..<3)
    #expect(scratch == Matrix(rowArrays: [[3, 4], [5, 6]]))
    scratch.copyRows(of: source, 0..<1)
    #expect(scratch == Matrix(rowArrays: [[1, 2]]))
    scratch.reshape(rows: 2, columns: 3)
    #expect(scratch.rows == 2 && scratch.columns == 3 && scratch.values.count == 6)
  }
}
