"""sitroom.scale"""
