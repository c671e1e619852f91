import Foundation
import SageCore
import SageIO
import Testing

@testable import SageSim

@Suite struct PolynomialFeaturesTests {
  @Test func twoFeaturesDegreeTwoInScikitLearnOrder() throws {
    // sklearn PolynomialFeatures(2, include_bias=False) on [a, b]: a, b, a², ab, b².
    let p = try PolynomialFeatures(inputWidth: 2, degree: 2)
    #expect(p.columnNames == ["x1", "x2", "x1^2", "x1*x2", "x2^2"])
    let out = p.expand(Matrix(rowArrays: [[2, 3], [-1, 0.5]]))
    #expect(out.row(0) == [2, 3, 4, 6, 9])
    #expect(out.row(1) == [-1, 0.5, 1, -0.5, 0.25])
  }

  @Test func columnCountIsBinomialMinusOne() throws {
    // C(d + p, p) − 1: d = 3, p = 3 → C(6, 3) − 1 = 19; d = 1, p = 15 → 15.
    #expect(try PolynomialFeatures(inputWidth: 3, degree: 3).outputWidth == 19)
    #expect(try PolynomialFeatures(inputWidth: 1, degree: 15).outputWidth == 15)
    let three = try PolynomialFeatures(inputWidth: 3, degree: 3)
    #expect(three.columnNames.suffix(4) == ["x2^3", "x2^2*x3", "x2*x3^2", "x3^3"])
  }

  @Test func powersOnlyWithoutInteractions() throws {
    let p = try PolynomialFeatures(inputWidth: 2, degree: 3, interactions: false)
    #expect(p.columnNames == ["x1", "x2", "x1^2", "x2^2", "x1^3", "x2^3"])
    #expect(p.expand(Matrix(rowArrays: [[2, -1]])).row(0) == [2, -1, 4, 1, 8, -1])
  }

  @Test func legendreBasisByHand() throws {
    // u = 2(x − lo)/(hi − lo) − 1 with [lo, hi] = [0, 4]: x = 3 → u = 0.5.
    // P1 = 0.5, P2 = (3u² − 1)/2 = −0.125, P3 = (5u³ − 3u)/2 = −0.4375.
    let p = try PolynomialFeatures(inputWidth: 1, degree: 3, basis: .legendre, ranges: [0...4])
    let row = p.expand(Matrix(rowArrays: [[3]])).row(0)
    #expect(zip(row, [0.5, -0.125, -0.4375]).allSatisfy { abs($0 - $1) < 1e-15 })
    #expect(p.columnNames == ["P1(x1)", "P2(x1)", "P3(x1)"])
    // Two features: the column x1²·x2 is P2(u1)·P1(u2); u1 = 0.5 (as above), u2 = −1 on [2, 6] at x = 2.
    let q = try PolynomialFeatures(inputWidth: 2, degree: 3, basis: .legendre, ranges: [0...4, 2...6])
    let names = q.columnNames, values = q.expand(Matrix(rowArrays: [[3, 2]])).row(0)
    let column = try #require(names.firstIndex(of: "P2(x1)*P1(x2)"))
    #expect(abs(values[column] - (-0.125 * -1)) < 1e-15)
  }

  @Test func tooManyColumnsIsRefusedWithTheCount() {
    // d = 20, p = 10: C(30, 10) − 1 = 30,045,014 columns.
    do {
      _ = try PolynomialFeatures(inputWidth: 20, degree: 10)
      Issue.record("expected a refusal")
    } catch {
      #expect("\(error)".hasPrefix("polynomial_degree = 10 over 20 features gives 30045014 columns"))
    }
  }

  @Test func preprocessingExpandsEveryChannelAndFitsRangesOnTrain() throws {
    let train = DataBatch(features: .dense(Matrix(rowArrays: [[-2], [0], [2]])), labels: [1, 2, 3], lines: [1, 2, 3], file: "t")
    let validation = DataBatch(features: .dense(Matrix(rowArrays: [[1]])), labels: [5], lines: [1], file: "v")
    let options = try Preprocessing.parse(["polynomial_degree": "2", "polynomial_basis": "legendre"])
    let (channels, width, fitted) = try options.apply(to: Channels(train: DataChannel(.train, batch: train), validation: DataChannel(.validation, batch: validation)))
    #expect(width == 2)
    #expect(fitted.featureRanges == [-2...2])
    guard case .memory(let v)? = channels.validation?.source else { Issue.record("validation not in memory"); return }
    // x = 1 on [−2, 2] → u = 0.5: P1 = 0.5, P2 = −0.125; labels untouched.
    #expect(v.features.dense().row(0) == [0.5, -0.125])
    #expect(v.labels == [5])
  }

  @Test func preprocessingIsNotASageMakerKnob() {
    #expect(throws: HyperparameterError.self) { try LinearLearnerHyperparameters.parse(["polynomial_degree": "3"]) }
    #expect(Preprocessing.documentation.allSatisfy { $0.doc.hasPrefix("sagesim preprocessing") })
  }
}
