"""sitroom.store"""
