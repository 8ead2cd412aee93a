"""sitroom.evaluate"""
