import Foundation
import Numerics
import SageCore
import SageIO
import Testing

@testable import SageSim

/// Item 8 of issue #4: linear learner against closed forms and scikit-learn 1.9.1 on the bundled
/// data. Every scikit-learn figure was produced with `/tmp/venv-linear/bin/python` (scikit-learn
/// 1.9.1) and the command quoted above it, run from the repository root.
@Suite struct LinearLearnerQualityTests {
  // MARK: Ridge

  /// `wd` maps to ridge as follows. Training minimises ½·mean((x̃·w + b − ỹ)²) + ½·wd·‖w‖² over
  /// standardised data (x̃ = (x − μ)/σ, ỹ = (y − μ_y)/σ_y, population σ; the bias unpenalised,
  /// bias_wd_mult = 0). Multiplying by 2n gives ‖X̃w + b − ỹ‖² + n·wd·‖w‖²: scikit-learn's Ridge
  /// with α = n·wd on the standardised data, whose solution is (X̃ᵀX̃ + n·wd·I)⁻¹X̃ᵀỹ (b = 0 as X̃
  /// and ỹ are centred).
  static let wd = 0.01

  /// Validation RMSE of Ridge(alpha = n·wd = 3.54) on the standardised diabetes data:
  /// `python -c "import numpy as np; from sklearn.linear_model import Ridge;
  ///  t=np.loadtxt('Datasets/diabetes/train.csv',delimiter=','); v=np.loadtxt('Datasets/diabetes/validation.csv',delimiter=',');
  ///  X,y,Xv,yv=t[:,1:],t[:,0],v[:,1:],v[:,0]; mu,sd,my,sy=X.mean(0),X.std(0),y.mean(),y.std();
  ///  r=Ridge(alpha=len(y)*0.01).fit((X-mu)/sd,(y-my)/sy); p=r.predict((Xv-mu)/sd)*sy+my;
  ///  print(np.sqrt(np.mean((p-yv)**2)))"` → 57.829693
  static let sklearnRidgeRMSE = 57.829693

  /// The ridge solution computed here (Cholesky), mapped back to raw units, and its validation RMSE.
  static func closedFormRidgeRMSE() throws -> Double {
    let (x, y) = rows("diabetes/train.csv"), (xv, yv) = rows("diabetes/validation.csv")
    let n = Double(x.count), d = x[0].count
    let mu = (0..<d).map { j in x.reduce(0) { $0 + $1[j] } / n }
    let sd = (0..<d).map { j in (x.reduce(0) { $0 + ($1[j] - mu[j]) * ($1[j] - mu[j]) } / n).squareRoot() }
    let my = y.reduce(0, +) / n, sy = (y.reduce(0) { $0 + ($1 - my) * ($1 - my) } / n).squareRoot()
    let xs = Matrix(rowArrays: x.map { r in (0..<d).map { (r[$0] - mu[$0]) / sd[$0] } })
    var gram = Matrix(rows: d, columns: d)
    Matrix.addGram(of: xs, into: &gram)
    for j in 0..<d { gram[j, j] += n * wd }
    let rhs = Matrix(rows: d, columns: 1, values: Matrix.multiply(xs, vector: y.map { ($0 - my) / sy }, transpose: true))
    let w = try gram.choleskySolve(rhs).values
    let squared = zip(xv, yv).map { r, t in
      let p = (0..<d).reduce(0) { $0 + (r[$1] - mu[$1]) / sd[$1] * w[$1] } * sy + my
      return (p - t) * (p - t)
    }
    return (squared.reduce(0, +) / Double(yv.count)).squareRoot()
  }

  static func rows(_ name: String) -> ([[Double]], [Double]) {
    let text = (try? String(contentsOfFile: dataset(name), encoding: .utf8)) ?? ""
    let rows = text.split(separator: "\n").map { $0.split(separator: ",").map { Double($0)! } }
    return (rows.map { Array($0.dropFirst()) }, rows.map { $0[0] })
  }

  @Test func squaredLossWithWdMatchesClosedFormRidge() throws {
    let exact = try Self.closedFormRidgeRMSE()
    #expect(exact.isApproximatelyEqual(to: Self.sklearnRidgeRMSE, relativeTolerance: 1e-6))
    // Full-batch SGD (one step per epoch) converges to the penalised optimum.
    let fit = try LL.fit(
      ["predictor_type": "regressor", "wd": "0.01", "l1": "0", "num_models": "1", "optimizer": "sgd",
       "learning_rate": "0.3", "mini_batch_size": "354", "epochs": "500", "early_stopping_patience": "1000"],
      train: LL.csv("diabetes/train.csv"), validation: LL.csv("diabetes/validation.csv", channel: .validation))
    let rmse = try #require(LL.metric(fit.log, "validation:rmse"))
    #expect(abs(rmse - exact) / exact < 0.01, "sagesim \(rmse) vs closed form \(exact)")
  }

  // MARK: L1 against L2

  /// 2000 rows × 100 standard-normal features; the first 10 weights ±U(1, 2), the other 90 zero;
  /// noise σ = 0.5.
  static func sparseProblem() -> DataChannel {
    var r = SeededRandom(seed: 42)
    let x = LL.gaussian(rows: 2000, features: 100, seed: 7)
    let w = (0..<100).map { $0 < 10 ? r.sign() * (1 + r.uniform()) : 0 }
    let y = x.map { row in zip(row, w).reduce(0) { $0 + $1.0 * $1.1 } + 0.5 * r.normal() }
    return LL.channel(x, y)
  }

  static let sparseSettings = ["predictor_type": "regressor", "num_models": "1", "mini_batch_size": "100", "epochs": "20"]

  @Test func l1GivesExactZerosOnTheNoiseFeatures() throws {
    var hp = Self.sparseSettings
    hp["l1"] = "0.01"
    hp["wd"] = "0"
    let w = try LL.fit(hp, train: Self.sparseProblem()).model.weights.map { $0[0] }
    let noiseZeros = w[10...].filter { $0 == 0 }.count
    #expect(noiseZeros >= 81, "\(noiseZeros) of 90 noise weights are exactly zero")
    #expect(w[..<10].allSatisfy { $0 != 0 })
  }

  @Test func wdAloneLeavesNoWeightZero() throws {
    var hp = Self.sparseSettings
    hp["l1"] = "0"
    hp["wd"] = "0.01"
    let w = try LL.fit(hp, train: Self.sparseProblem()).model.weights.map { $0[0] }
    #expect(w.allSatisfy { $0 != 0 })
  }

  // MARK: Classifiers

  /// `python -c "import numpy as np; from sklearn.linear_model import LogisticRegression;
  ///  from sklearn.preprocessing import StandardScaler; from sklearn.pipeline import make_pipeline;
  ///  t=np.loadtxt('Datasets/NAME/train.csv',delimiter=','); v=np.loadtxt('Datasets/NAME/validation.csv',delimiter=',');
  ///  print(make_pipeline(StandardScaler(),LogisticRegression()).fit(t[:,1:],t[:,0]).score(v[:,1:],v[:,0]))"`
  /// for NAME = breast_cancer (binary), iris and wine (multinomial): 0.938596, 0.933333, 1.0.
  static let sklearnAccuracy = ["breast_cancer": 0.938596, "iris": 0.933333, "wine": 1.0]

  @Test func binaryClassifierOnBreastCancerIsWithinOnePoint() throws {
    let fit = try LL.fit(
      ["predictor_type": "binary_classifier"], train: LL.csv("breast_cancer/train.csv"),
      validation: LL.csv("breast_cancer/validation.csv", channel: .validation))
    let accuracy = try #require(LL.metric(fit.log, "validation:binary_classification_accuracy"))
    #expect(accuracy >= Self.sklearnAccuracy["breast_cancer"]! - 0.01, "accuracy \(accuracy)")
  }

  @Test(arguments: ["iris", "wine"]) func multiclassIsWithinTwoPoints(name: String) throws {
    let fit = try LL.fit(
      ["predictor_type": "multiclass_classifier", "num_classes": "3"], train: LL.csv("\(name)/train.csv"),
      validation: LL.csv("\(name)/validation.csv", channel: .validation))
    let accuracy = try #require(LL.metric(fit.log, "validation:multiclass_accuracy"))
    #expect(accuracy >= Self.sklearnAccuracy[name]! - 0.02, "accuracy \(accuracy)")
  }
}
