"""tangtoc: công cụ của khóa học «Tăng tốc Python» (bài tập, kiểm tra tốc độ, chấm bài)."""

__version__ = "0.1.0"
