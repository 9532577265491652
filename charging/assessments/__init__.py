"""Care packages and financial assessments: the Care Act calculator, the assessment form, maker-checker
approval, backdating, the evidence behind an assessment and the "Your financial assessment" letter."""
