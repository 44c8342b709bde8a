"""A chat published as a transcript: turns under labels that name who speaks, the assistant and its user.

A page that sets a conversation out so ("Dotaz:" ... "ChatGPT:" ..., "You said:" ... "ChatGPT said:" ...,
"## Pregunta" ... "## ChatGPT" ...) attributes the assistant's words to it, as an interview attributes a
guest's: the writer quotes a chatbot. Its turns are marked quoted, so that rules which skip what someone
else says (`exclude: {quoted: true}`) skip them, as they skip a quotation; the engine reads a text so only
once such a rule has a match in it that it would keep (most texts have none). A label alone, a copied
answer under "ChatGPT said:" with no turn of its user, attributes nothing: the answer is the text itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..document import Block
from ..vocabulary import BODY, HEADING_TAGS

# The assistant, named as the speaker of a turn: a product's name or the role ("Assistant", "AI"), with a
# chat interface's "said" in the pack's languages ("ChatGPT said:", "ChatGPT đã nói:", "قال ChatGPT:").
_ASSISTANT = (r"(?:chat\s?gpt|gpt-?[345](?:\.\d)?o?|claude|gemini|bard|bing(?:\s+chat)?|copilot|deepseek|grok|llama\s?\d*|"
              r"qwen|mistral|perplexity|kimi|doubao|ernie(?:\s+bot)?|文心一言|通义千问|豆包|assistant|asistente|assistente|"
              r"assistent|asystent|ассистент|助手|アシスタント|어시스턴트|trợ lý|asisten|ai|ia|ki|ии|bot|chatbot)")
_SAID = (r"(?:\s+(?:said|says|dijo|disse|a\s+dit|hat\s+gesagt|ha\s+detto|сказал|řekl|đã\s+nói|bilang|พูดว่า)"
         r"|\s*(?:说|說|的回答|의\s*말)"
         r"|\s+(?:answer|response|reply|respuesta|resposta|réponse|antwort|risposta|odpověď|ответ|jawaban|trả\s+lời))?")
# Its user: the interface's "You said", a role, or the request named ("Question", "Prompt", "Dotaz").
_USER = (r"(?:you\s+said|dijiste|você\s+disse|vous\s+avez\s+dit|du\s+hast\s+gesagt|hai\s+detto|вы\s+сказали|"
         r"řekl(?:a|i)?\s+jste|bạn\s+đã\s+nói|kamu\s+bilang|คุณพูดว่า|你说|您说|あなた|나의\s*말|قلت|"
         r"user|human|me|prompt|question|q|pregunta|pergunta|domanda|frage|вопрос|dotaz|otázka|pertanyaan|"
         r"câu\s+hỏi|tanong|คำถาม|سؤال|问题|問題|質問|질문|usuario|usuário|utente|utilisateur|benutzer|"
         r"пользователь|uživatel|pengguna|người\s+dùng|用户|ユーザー|사용자|المستخدم|yo|eu|moi|ich|я|já|saya|tôi)")
# A label is a line of its own: marks of a heading, emphasis, a list or a quotation around the name, and
# a colon, with nothing said after it ("ChatGPT: Sure!" is a line of dialogue, read as such elsewhere).
_FRAME = r"^[\s#>*_\-]*(?:\d{1,3}[.)]\s*)?(?:\*\*|__)?\s*NAME\s*(?:\*\*|__)?\s*[:：]?[\s*_]*$"
_ASSISTANT_LABEL = re.compile(_FRAME.replace("NAME", r"(?:قال\s+)?" + _ASSISTANT + _SAID), re.IGNORECASE)
_USER_LABEL = re.compile(_FRAME.replace("NAME", _USER), re.IGNORECASE)
_LABEL_MAX = 40  # characters: a longer line says something


def _label(line: str) -> str | None:
    """'assistant' or 'user' when the line is a turn's label, else None."""
    if len(line) > _LABEL_MAX or not line.strip():
        return None
    if _ASSISTANT_LABEL.match(line):
        return "assistant"
    if _USER_LABEL.match(line):
        return "user"
    return None


def mark_transcript_turns(blocks: Iterable[Block]) -> bool:
    """Mark quoted the blocks the assistant speaks in (their labels too) of a transcript: a text whose labels
    name both the assistant and its user. A label may open a block or stand inside one ("Bạn đã nói:\n...\n
    ChatGPT đã nói:\n..." with no blank line between); a heading that is no label ends a turn. True when the
    text is one."""
    body = [b for b in blocks if b.zone == BODY]
    # a block's labels, in order (most blocks are one line longer than a label: not read)
    labels = [() if len(text := b.text) > _LABEL_MAX and "\n" not in text
              else [label for line in text.split("\n") if (label := _label(line))] for b in body]
    found = {label for block_labels in labels for label in block_labels}
    if found != {"assistant", "user"}:
        return False
    speaker = None
    for block, block_labels in zip(body, labels, strict=True):
        if not block_labels and block.tag in HEADING_TAGS:
            speaker = None
        if speaker == "assistant" or "assistant" in block_labels:
            block.quoted = True
        if block_labels:
            speaker = block_labels[-1]
    return True
