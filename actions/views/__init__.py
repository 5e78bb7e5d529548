"""Staff screens for actions (plan, detail, edit) and their yearly follow-up."""
