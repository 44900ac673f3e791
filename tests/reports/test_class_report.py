"""class-report: verified files compared, bad and tampered files named with the reason."""

import json

from game.cli import main

PLAN = """default:
  research: {basic: 0.12, applied: 0.2, transfer: 0.1}
  talent: {education: 0.1, attraction: 0.05, skills: 0.05}
  finance: {risk_sharing: 0.05, guidance_fund: 0.1}
"""


def _result(tmp_path, name, plan_text, seed=3):
    plan = tmp_path / f"{name}.yaml"
    plan.write_text(plan_text, encoding="utf-8")
    out = tmp_path / "results" / f"{name}.json"
    out.parent.mkdir(exist_ok=True)
    assert main(["run", "--level", "sandbox", "--plan", str(plan), "--seed", str(seed), "--out", str(out)]) == 0
    return out


def test_class_report_verifies_compares_and_names_bad_files(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("VIRTUOUS_CIRCLE_DATA_DIR", str(tmp_path / "data"))
    good = _result(tmp_path, "ana", PLAN)
    _result(tmp_path, "bo", PLAN.replace("basic: 0.12", "basic: 0.0"))
    _result(tmp_path, "chen", PLAN.replace("applied: 0.2", "applied: 0.3"))
    doc = json.loads(good.read_text(encoding="utf-8"))
    doc["turns"][2]["indicators"]["gdp"] += 1.0
    (tmp_path / "results" / "tampered.json").write_text(json.dumps(doc), encoding="utf-8")
    (tmp_path / "results" / "cut.json").write_text(good.read_text(encoding="utf-8")[:500], encoding="utf-8")
    out = tmp_path / "report"

    code = main(["class-report", str(tmp_path / "results"), "--out", str(out)])
    printed = capsys.readouterr().out

    assert code == 1  # not every file verified
    assert "tampered.json: turns[2].indicators.gdp" in printed
    assert "cut.json" in printed and "truncated" in printed
    for name in ("class-report.md", "class-report.csv", "scores.png", "indicators.png", "strategies.png"):
        assert (out / name).stat().st_size > 0, name
    table = (out / "class-report.csv").read_text(encoding="utf-8").splitlines()
    assert len(table) == 6
    assert table[0].startswith("student,file,verified,level,seed,score,stars")
    verified = [row for row in table[1:] if row.split(",")[2] == "1"]
    assert sorted(row.split(",")[0] for row in verified) == ["ana", "bo", "chen"]
    report = (out / "class-report.md").read_text(encoding="utf-8")
    assert "3 of 5 result files verified by replay." in report
    assert "tended to score" in report


def test_class_report_with_no_files_says_so(tmp_path, capsys):
    assert main(["class-report", str(tmp_path), "--out", str(tmp_path / "r")]) == 1
    assert "No result files found" in capsys.readouterr().out
