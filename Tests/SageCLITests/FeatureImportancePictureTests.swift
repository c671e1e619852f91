import Foundation
import Testing

/// `train xgboost --plots/--report` draws the gain importance of each feature as a bar chart; its
/// bars must carry the numbers `xgboost-inspect` lists, and a one-split toy its hand-worked gain.
@Suite struct FeatureImportancePictureTests {
  /// The bars of a feature-importance SVG, top to bottom: label, value (the tooltip) and length.
  static func bars(_ svg: String) throws -> [(label: String, value: String, width: Double)] {
    let pattern = try NSRegularExpression(pattern: "<rect x=\"[^\"]*\" y=\"[^\"]*\" width=\"([^\"]*)\" height=\"[^\"]*\" fill=\"[^\"]*\"><title>(f[0-9]+): ([^<]*)</title></rect>")
    let text = svg as NSString
    return pattern.matches(in: svg, range: NSRange(location: 0, length: text.length)).map { m in
      (text.substring(with: m.range(at: 2)), text.substring(with: m.range(at: 3)), Double(text.substring(with: m.range(at: 1))) ?? -1)
    }
  }

  @Test func oneSplitToyShowsItsHandWorkedGain() throws {
    // y = 0, 0, 2, 2 at f0 = 0, 0, 1, 1 (f1 is noise); base_score 0.5, one depth-1 tree, lambda 1.
    // Gradients g = ŷ − y = 0.5, 0.5, −1.5, −1.5, hessians 1. Split on f0: G_L = 1, G_R = −3, H = 2
    // each side, G = −2, H = 4: gain = 1²/3 + 3²/3 − 2²/5 = 2.53333. XGBoost 3.2.0 (refvenv,
    // xgb.train({'max_depth':1,'eta':1,'base_score':0.5,'tree_method':'exact'}, …, 1).get_score(
    // importance_type='gain')) gives {'f0': 2.5333333}.
    let dir = temporaryDirectory()
    try "0,0,5\n0,0,7\n2,1,6\n2,1,5\n".write(toFile: dir + "/train.csv", atomically: true, encoding: .utf8)
    let run = try sagesim([
      "train", "xgboost", "--train", dir + "/train.csv", "--hp", "num_round=1", "--hp", "max_depth=1", "--hp", "eta=1",
      "--hp", "base_score=0.5", "--hp", "tree_method=exact", "--hp", "objective=reg:squarederror",
      "--model-dir", dir + "/model", "--plots", dir + "/plots", "--no-chart",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let svg = try String(contentsOfFile: dir + "/plots/feature-importance.svg", encoding: .utf8)
    let bars = try Self.bars(svg)
    #expect(bars.count == 1 && bars[0].label == "f0" && bars[0].value == "2.53333", "\(bars)")
    #expect(bars.first?.width == 440, "the largest bar spans the plot")
    #expect(svg.contains("xgboost: feature importance (gain)") && svg.contains(">mean gain per split</text>") && svg.contains(">feature</text>"))
  }

  @Test func barsAreTheImportancesXGBoostInspectLists() throws {
    // 300 rows, 6 features: y = 3·f0 + f2 − 2·f4·f5 plus a deterministic wobble; f1 and f3 are noise.
    let dir = temporaryDirectory()
    var rows: [String] = []
    for i in 0..<300 {
      let f = (0..<6).map { j in Double((i * (7 + 4 * j) + 13 * j * j) % 97) / 97 }
      let y = 3 * f[0] + f[2] - 2 * f[4] * f[5] + 0.1 * sin(Double(i))
      rows.append(([y] + f).map { String($0) }.joined(separator: ","))
    }
    try (rows.joined(separator: "\n") + "\n").write(toFile: dir + "/train.csv", atomically: true, encoding: .utf8)
    let run = try sagesim([
      "train", "xgboost", "--train", dir + "/train.csv", "--validation", dir + "/train.csv", "--hp", "num_round=20",
      "--hp", "max_depth=3", "--model-dir", dir + "/model", "--plots", dir + "/plots", "--report", dir + "/report", "--no-chart",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let bars = try Self.bars(try String(contentsOfFile: dir + "/plots/feature-importance.svg", encoding: .utf8))
    let inspect = try sagesim(["xgboost-inspect", "--model-dir", dir + "/model", "--importance", "gain", "--top", "100"])
    #expect(inspect.status == 0, "\(inspect.stderr)")
    // The table's rows: "f<j>  <value>" (after the header and its rule).
    let listed = inspect.stdout.split(separator: "\n").compactMap { line -> (String, String)? in
      let cells = line.split(whereSeparator: { $0 == " " || $0 == "|" || $0 == "│" }).map(String.init)
      guard cells.count == 2, cells[0].hasPrefix("f"), Int(cells[0].dropFirst()) != nil, Double(cells[1]) != nil else { return nil }
      return (cells[0], cells[1])
    }
    #expect(listed.count >= 4 && listed.count == bars.count, "\(inspect.stdout)\n\(bars)")
    for (bar, row) in zip(bars, listed) {
      #expect(bar.label == row.0 && bar.value == row.1, "\(bar) vs \(row)")
    }
    // Lengths are proportional to the values, the largest spanning the 440-pixel plot.
    let top = try #require(Double(listed.first?.1 ?? ""))
    for bar in bars {
      let expected = 440 * Double(bar.value)! / top
      #expect(abs(bar.width - expected) < 0.01 + 440e-5, "\(bar): \(expected)")
    }
    let html = try String(contentsOfFile: dir + "/report/report.html", encoding: .utf8)
    #expect(html.contains("xgboost: feature importance (gain)"))
  }

  @Test func binaryObjectiveGetsTheClassifierPictures() throws {
    // label = [f0 > 0.5]: trees split it exactly, so every training row is classified right.
    let dir = temporaryDirectory()
    var rows: [String] = [], positives = 0
    for i in 0..<200 {
      let f0 = Double((i * 37) % 101) / 101, f1 = Double((i * 53) % 89) / 89
      positives += f0 > 0.5 ? 1 : 0
      rows.append("\(f0 > 0.5 ? 1 : 0),\(f0),\(f1)")
    }
    try (rows.joined(separator: "\n") + "\n").write(toFile: dir + "/train.csv", atomically: true, encoding: .utf8)
    let run = try sagesim([
      "train", "xgboost", "--train", dir + "/train.csv", "--validation", dir + "/train.csv", "--hp", "objective=binary:logistic",
      "--hp", "num_round=10", "--model-dir", dir + "/model", "--plots", dir + "/plots", "--no-chart",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let files = Set(try FileManager.default.contentsOfDirectory(atPath: dir + "/plots"))
    #expect(files == ["learning-curve.svg", "feature-importance.svg", "confusion-matrix.svg", "roc.svg", "precision-recall.svg"], "\(files)")
    let confusion = try String(contentsOfFile: dir + "/plots/confusion-matrix.svg", encoding: .utf8)
    #expect(confusion.contains("<title>0, 0: \(Double(200 - positives))</title>") && confusion.contains("<title>1, 1: \(Double(positives))</title>"))
    #expect(confusion.contains("<title>0, 1: 0.0</title>") && confusion.contains("<title>1, 0: 0.0</title>"))
  }
}
