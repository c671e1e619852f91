import Testing

@testable import SageSim

/// A small set of knobs covering each declaration shape, so parsing is tested apart from any algorithm.
struct ToyHyperparameters: HyperparameterSet {
  enum Mode: String, CaseIterable, Sendable { case fast, exact }
  var k: Int?
  var epochs = 1
  var rate = 0.1
  var tolerance: Double?
  var mode = Mode.fast
  var shuffle = true
  var factor: Auto<Int> = .auto
  var scale: Auto<Double> = .auto

  static let algorithm = "toy"
  static let specs: [HyperparameterSpec<Self>] = [
    .int("k", \.k, in: .atLeast(2), required: true, doc: "clusters", effect: "more clusters"),
    .int("epochs", \.epochs, in: .atLeast(1), doc: "passes", effect: "more passes"),
    .real("learning_rate", \.rate, in: .greaterThan(0), aliases: ["eta"], doc: "step", effect: "bigger steps"),
    .real("tol", \.tolerance, in: .closed(0, 1), required: false, doc: "tolerance", effect: "earlier stop"),
    .choice("mode", \.mode, doc: "mode", effect: "speed"),
    .bool("shuffle", \.shuffle, doc: "shuffle", effect: "order"),
    .intOrAuto("factor", \.factor, in: .greaterThan(0), doc: "factor", effect: "more centers"),
    .realOrAuto("scale", \.scale, in: .closedOpen(0, 1), doc: "scale", effect: "wider"),
  ]
}

@Suite struct HyperparameterParsingTests {
  @Test func defaultsStandUntilGiven() throws {
    let hp = try ToyHyperparameters.parse(["k": "3"])
    #expect(hp.k == 3 && hp.epochs == 1 && hp.rate == 0.1 && hp.tolerance == nil)
    #expect(hp.mode == .fast && hp.shuffle && hp.factor == .auto && hp.scale == .auto)
  }

  @Test func everyShapeParsesFromStrings() throws {
    let hp = try ToyHyperparameters.parse([
      "k": "10", "epochs": " 4 ", "eta": "0.5", "tol": "1e-4", "mode": "exact", "shuffle": "False",
      "factor": "8", "scale": "auto",
    ])
    #expect(hp.k == 10 && hp.epochs == 4 && hp.rate == 0.5 && hp.tolerance == 1e-4)
    #expect(hp.mode == .exact && !hp.shuffle && hp.factor == .value(8) && hp.scale == .auto)
  }

  @Test func valuesInEffectAreRecordedUnderSageMakerNames() throws {
    let hp = try ToyHyperparameters.parse(["k": "3", "eta": "0.25"])
    #expect(hp.sageMakerValues == [
      "k": "3", "epochs": "1", "learning_rate": "0.25", "mode": "fast", "shuffle": "true",
      "factor": "auto", "scale": "auto",
    ])
  }

  struct ErrorCase: Sendable, CustomStringConvertible {
    let id: String
    let given: [String: String]
    let message: String
    var description: String { id }
  }

  static let errorCases: [ErrorCase] = [
    ErrorCase(id: "typo", given: ["k": "3", "epochz": "2"],
              message: "unknown hyperparameter 'epochz' for toy; did you mean 'epochs'?"),
    ErrorCase(id: "unknown", given: ["k": "3", "colour": "red"],
              message: "unknown hyperparameter 'colour' for toy; see 'sagesim hyperparameters toy'"),
    ErrorCase(id: "missing", given: [:],
              message: "hyperparameter 'k' of toy is required: give an integer in [2, ∞)"),
    ErrorCase(id: "below range", given: ["k": "1"],
              message: "hyperparameter 'k' of toy must be an integer in [2, ∞); got '1'"),
    ErrorCase(id: "integer written as float", given: ["k": "10.0"],
              message: "hyperparameter 'k' of toy must be an integer in [2, ∞); got '10.0'"),
    ErrorCase(id: "not a number", given: ["k": "3", "eta": "fast"],
              message: "hyperparameter 'learning_rate' of toy must be a number in (0, ∞); got 'fast'"),
    ErrorCase(id: "open bound", given: ["k": "3", "learning_rate": "0"],
              message: "hyperparameter 'learning_rate' of toy must be a number in (0, ∞); got '0'"),
    ErrorCase(id: "nan", given: ["k": "3", "tol": "nan"],
              message: "hyperparameter 'tol' of toy must be a number in [0, 1]; got 'nan'"),
    ErrorCase(id: "choice", given: ["k": "3", "mode": "slow"],
              message: "hyperparameter 'mode' of toy must be one of fast, exact; got 'slow'"),
    ErrorCase(id: "bool", given: ["k": "3", "shuffle": "yes"],
              message: "hyperparameter 'shuffle' of toy must be true or false; got 'yes'"),
    ErrorCase(id: "auto int", given: ["k": "3", "factor": "0"],
              message: "hyperparameter 'factor' of toy must be 'auto' or an integer in (0, ∞); got '0'"),
    ErrorCase(id: "auto real", given: ["k": "3", "scale": "1"],
              message: "hyperparameter 'scale' of toy must be 'auto' or a number in [0, 1); got '1'"),
    ErrorCase(id: "alias and name", given: ["k": "3", "eta": "0.1", "learning_rate": "0.2"],
              message: "hyperparameters of toy: 'eta' and 'learning_rate' name the same knob 'learning_rate'; give it once"),
  ]

  @Test(arguments: errorCases) func refusesWithMessage(_ c: ErrorCase) {
    #expect(throws: HyperparameterError.self) { try ToyHyperparameters.parse(c.given) }
    do {
      _ = try ToyHyperparameters.parse(c.given)
    } catch {
      #expect(error.description == c.message)
    }
  }

  @Test func allProblemsAreReportedAtOnce() {
    do {
      _ = try ToyHyperparameters.parse(["epochs": "0", "mode": "x"])
      Issue.record("expected an error")
    } catch {
      #expect(error.problems.count == 3)
    }
  }

  @Test func closestNameNeedsToBeClose() {
    #expect(closestName(to: "mini_bach_size", in: ["mini_batch_size", "epochs"]) == "mini_batch_size")
    #expect(closestName(to: "zzz", in: ["mini_batch_size", "epochs"]) == nil)
    #expect(editDistance("kitten", "sitting") == 3)
  }
}
