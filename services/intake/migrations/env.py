from services.intake.models import Base
from services.shared.migrations import run_env

run_env(Base.metadata)
