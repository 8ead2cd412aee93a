"""The learned event layer: small linear heads over what the spaCy pipeline has already
computed (the parse, entities and ``doc.tensor`` from en_core_web_sm's tok2vec) and TF-IDF
terms, trained on the open event gold by ``scripts/train_event_model.py``.

``heads`` holds the inference (type, quad and participant-role probabilities of sentence
spans); ``features`` the features training and inference share.
"""
