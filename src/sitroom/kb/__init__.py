"""sitroom.kb"""
