# contentcheck in a container: docker build -t contentcheck . && docker run --rm -v "$PWD:/work" contentcheck check .
FROM python:3.12-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY src ./src
COPY rules ./rules
RUN pip wheel --no-cache-dir --no-deps --wheel-dir /wheels .

FROM python:3.12-slim
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/*.whl && rm -rf /wheels \
    && useradd --create-home --uid 10001 contentcheck
USER contentcheck
WORKDIR /work
ENTRYPOINT ["contentcheck"]
CMD ["--help"]
