"""The grader (DESIGN.md §5): `tangtoc grade` for a class of submissions, safe and fair.

intake (submissions → files) · grading_tree (where a submission's files and the judge's
folders lie) · sandbox (the judge's runs, confined: limits, uid_slots, cgroups, and
tangtoc.bubblewrap isolating every call of student code) · stream_readers (the judge's output,
bounded) · judge_plugin + judging (our tests) · scoring · reports/output (results.json,
feedback.md, grades.csv) · terminal (progress) · batch (the phases) · gradescope/classroom
(adapters) · cli (commands).
"""
