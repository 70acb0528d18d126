from reconcile.cli import app

app(prog_name="reconcile")
