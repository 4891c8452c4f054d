package main

type Point struct{ x, y int }

func (p Point) Len2() int {
	return p.x*p.x + p.y*p.y
}

func main() {
	p := Point{x: 3, y: 4}
	println(p.Len2())
}
