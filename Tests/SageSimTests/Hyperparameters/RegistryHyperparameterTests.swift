import Testing

@testable import SageSim

/// Walks every available algorithm's declared knobs and feeds each a value it must refuse, checking
/// that the message names the knob and the value (scikit-learn's generated invalid values, in spirit).
@Suite struct RegistryHyperparameterTests {
  @Test func everyKnobIsDocumented() {
    for entry in AlgorithmRegistry.all where entry.isAvailable {
      #expect(!entry.documentation.isEmpty)
      for doc in entry.documentation {
        #expect(!doc.doc.isEmpty && !doc.effect.isEmpty, "\(entry.name).\(doc.name) lacks docs")
      }
    }
  }

  @Test func everyKnobRefusesGarbage() {
    for entry in AlgorithmRegistry.all where entry.isAvailable {
      for doc in entry.documentation {
        var log = TrainingLog.silent
        let channels = Channels(train: DataChannel(.train, path: "/nonexistent", contentType: .csv(labelSize: 0)))
        do {
          _ = try entry.train(hyperparameters: [doc.name: "not-a-valid-value"], channels: channels, seed: 0, log: &log)
          Issue.record("\(entry.name).\(doc.name) accepted garbage")
        } catch let error as HyperparameterError {
          #expect(error.description.contains("hyperparameter '\(doc.name)' of \(entry.name) must be"))
          #expect(error.description.contains("got 'not-a-valid-value'"))
        } catch {
          Issue.record("\(entry.name).\(doc.name): unexpected \(error)")
        }
      }
    }
  }
}
