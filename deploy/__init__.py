"""Deployment: several `streamlit run` replicas behind nginx (replicas.py, nginx.conf.template), and the
container files at the repository's root (Dockerfile, compose.yaml). See docs/deploy.md."""
