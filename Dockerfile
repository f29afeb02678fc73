# One rnnviz replica: `streamlit run app.py` on port 8501 (issue 22; docs/deploy.md).
#   docker build -t rnnviz .  &&  docker run --rm -p 8501:8501 rnnviz
# Several behind nginx: compose.yaml.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app

# torch first, from PyTorch's CPU index at requirements.txt's pinned version: PyPI's plain torch is the
# CUDA build, gigabytes this app never uses. The rest then finds torch already satisfied.
COPY requirements.txt .
RUN pip install --index-url https://download.pytorch.org/whl/cpu "$(grep -E '^torch==' requirements.txt)" \
 && pip install -r requirements.txt

# the app runs as a user without rights over its own code
RUN useradd --create-home --uid 10001 rnnviz
COPY . .
USER rnnviz

EXPOSE 8501
# Streamlit answers "ok" on /_stcore/health once it serves; compose's nginx waits for it
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=2).status != 200)"]
# the same command deploy/replicas.py runs (tests/test_replicas.py keeps the two in step)
CMD ["streamlit", "run", "app.py", "--server.address", "0.0.0.0", "--server.port", "8501", "--server.headless", "true", "--browser.gatherUsageStats", "false"]
