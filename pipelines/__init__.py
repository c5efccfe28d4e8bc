"""Stage functions, the stage runner, recipes (`*.yaml`), knowledge base and prompt templates."""
