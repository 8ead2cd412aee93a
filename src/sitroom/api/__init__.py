"""sitroom.api"""
