import Foundation
import Testing

@testable import SageSim

@Suite struct SweepAxisTests {
  @Test func listedValuesKeepTheirText() throws {
    let axis = try SweepAxis.parse("loss=squared_loss, absolute_loss,huber_loss")
    #expect(axis.name == "loss")
    #expect(axis.values == ["squared_loss", "absolute_loss", "huber_loss"])
    #expect(axis.numericValues == nil)
    #expect(axis.spacing == .linear)
  }

  @Test func linearRangeIsEvenlySpaced() throws {
    // 0:1:5 → 0, 1/4, 2/4, 3/4, 1.
    let axis = try SweepAxis.parse("learning_rate=0:1:5")
    #expect(axis.values == ["0", "0.25", "0.5", "0.75", "1"])
    #expect(axis.numericValues == [0, 0.25, 0.5, 0.75, 1])
  }

  @Test func logRangeIsEvenlySpacedInTheExponent() throws {
    // log10 from −6 to 0 in 7 steps: 1e-6, 1e-5, …, 1 (12 significant digits kill the pow noise).
    let axis = try SweepAxis.parse("wd=1e-6:1:7:log")
    #expect(axis.values == ["1e-06", "1e-05", "0.0001", "0.001", "0.01", "0.1", "1"])
    #expect(axis.spacing == .log)
    // 1:100:3:log → 1, 10, 100; 1:10:3:log → 1, √10, 10.
    #expect(try SweepAxis.parse("x=1:100:3:log").values == ["1", "10", "100"])
    let middle = try #require(Double(try SweepAxis.parse("x=1:10:3:log").values[1]))
    #expect(abs(middle - 10.0.squareRoot()) < 1e-11)
  }

  @Test func integerKnobsRoundAndDropRepeats() throws {
    #expect(try SweepAxis.parse("polynomial_degree=1:15:15", integer: true).values == (1...15).map(String.init))
    // 1, 1.5, 2, 2.5, 3 round half away from zero to 1, 2, 2, 3, 3.
    #expect(try SweepAxis.parse("k=1:3:5", integer: true).values == ["1", "2", "3"])
    // 10^(0, 0.5, 1, 1.5, 2) = 1, 3.16, 10, 31.6, 100.
    #expect(try SweepAxis.parse("num_round=1:100:5:log", integer: true).values == ["1", "3", "10", "32", "100"])
  }

  struct BadCase: Sendable, CustomStringConvertible {
    let text: String
    let message: String
    var description: String { text }
  }

  static let badCases = [
    BadCase(text: "wd", message: "--vary expects NAME=v1,v2,… or NAME=lo:hi:count[:log] (e.g. --vary wd=1e-6:1:7:log); got 'wd'"),
    BadCase(text: "wd=1,,2", message: "--vary wd: empty value in '1,,2'; list values separated by commas, e.g. wd=1,2,4"),
    BadCase(text: "wd=1,2,1", message: "--vary wd: a value is listed twice in '1,2,1'"),
    BadCase(text: "wd=0:1:1", message: "--vary wd=0:1:1: a range is lo:hi:count or lo:hi:count:log (e.g. 1e-6:1:7:log); count must be in [2, 1000], got 1"),
    BadCase(text: "wd=0:1:5:log", message: "--vary wd=0:1:5:log: a range is lo:hi:count or lo:hi:count:log (e.g. 1e-6:1:7:log); a log range needs lo and hi > 0"),
    BadCase(text: "wd=a:1:5", message: "--vary wd=a:1:5: a range is lo:hi:count or lo:hi:count:log (e.g. 1e-6:1:7:log)"),
  ]

  @Test(arguments: badCases) func badSpecificationsSayWhatIsExpected(_ c: BadCase) {
    #expect(throws: SweepError.self) { try SweepAxis.parse(c.text) }
    do { _ = try SweepAxis.parse(c.text) } catch { #expect("\(error)" == c.message) }
  }

  @Test func gridSettingsAreRowMajor() throws {
    let entry = try AlgorithmRegistry.entry(named: "linear-learner")
    let sweep = try Sweep(entry: entry, hyperparameters: [:], axes: [
      SweepAxis(name: "wd", values: ["0", "1"]), SweepAxis(name: "l1", values: ["a", "b", "c"]),
    ], seed: 0)
    #expect(sweep.settings == [["0", "a"], ["0", "b"], ["0", "c"], ["1", "a"], ["1", "b"], ["1", "c"]])
  }

  @Test func unknownKnobSuggestsTheClosest() throws {
    let entry = try AlgorithmRegistry.entry(named: "linear-learner")
    #expect(throws: SweepError.self) { try Sweep(entry: entry, hyperparameters: [:], axes: [SweepAxis(name: "learning_rat", values: ["1"])], seed: 0) }
    do { _ = try Sweep(entry: entry, hyperparameters: [:], axes: [SweepAxis(name: "learning_rat", values: ["1"])], seed: 0) } catch {
      #expect("\(error)" == "--vary learning_rat: linear-learner has no hyperparameter 'learning_rat' and it is not a sagesim preprocessing option; did you mean 'learning_rate'?")
    }
  }

  @Test func metricDirectionFromTheName() {
    for name in ["validation:rmse", "test:objective_loss", "test:msd", "validation:absolute_loss", "holdout:mse"] { #expect(lowerIsBetter(name)) }
    for name in ["validation:roc_auc_score", "validation:binary_f_beta", "test:multiclass_accuracy", "holdout:recall"] { #expect(!lowerIsBetter(name)) }
  }
}
